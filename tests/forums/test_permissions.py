from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from entraide.errors import NotAllowed
from entraide.models import Visibility
from entraide.permissions import MEMBERS_ONLY, ROLE_HOLDERS_EDIT
from entraide.standing import read_standing
from forums import permissions
from forums.models import ForumSettings
from forums.services.moderation import thread_lock
from forums.services.posts import post_delete
from forums.services.settings import forum_settings_update
from moderation.limits import SlowDown
from moderation.models import RoleKind
from moderation.permissions import MODERATORS_ONLY, MUTED
from moderation.services.content import content_hide
from tests.factories import UserFactory, join
from tests.moderation.builders import end_term

from .builders import a_thread, forum, muted

pytestmark = pytest.mark.django_db


def standing(user, group):
    return read_standing(user, group)


def refused(check, *args, message):
    with pytest.raises(NotAllowed) as refusal:
        check(*args)
    assert refusal.value.message == message


def test_members_read_a_private_forum_and_nobody_else_does():
    group, moderator, member = forum()
    assert all(permissions.can_read_forum(standing(reader, group)) for reader in (member, moderator))
    assert not permissions.can_read_forum(standing(UserFactory(), group))
    refused(permissions.check_read_forum, standing(AnonymousUser(), group), message=MEMBERS_ONLY)


def test_a_public_forum_of_a_listed_group_is_read_by_anyone_and_written_by_members_only():
    group, moderator, _member = forum()
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=True)
    group.refresh_from_db()
    assert permissions.can_read_forum(standing(AnonymousUser(), group))
    assert permissions.can_read_forum(standing(UserFactory(), group))
    refused(permissions.check_post, standing(UserFactory(), group), message=MEMBERS_ONLY)


def test_an_unlisted_group_never_has_a_public_forum_even_when_its_settings_say_so():
    group, _moderator, _member = forum(unlisted=True)
    ForumSettings.objects.create(group=group, readable_by_anyone=True)
    group.refresh_from_db()
    assert not permissions.forum_is_public(group)
    assert not permissions.can_read_forum(standing(UserFactory(), group))
    group.visibility = Visibility.LISTED
    assert permissions.forum_is_public(group)


def test_a_muted_member_reads_but_is_told_they_cannot_write_for_now():
    group, moderator, member = forum()
    muted(group, moderator, member)
    assert permissions.can_read_forum(standing(member, group))
    refused(permissions.check_post, standing(member, group), message=MUTED)
    refused(permissions.check_offer_story, standing(member, group), message=MUTED)


def test_a_locked_thread_takes_replies_from_moderators_only():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    thread_lock(actor=moderator, thread=thread)
    refused(permissions.check_reply, standing(member, group), thread, message=permissions.THREAD_LOCKED)
    assert permissions.can_reply(standing(moderator, group), thread)


def test_a_moderator_whose_term_ended_is_refused_lock_and_hide_with_the_moderators_message():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    end_term(group, moderator, RoleKind.MODERATOR)
    with pytest.raises(NotAllowed) as refusal:
        thread_lock(actor=moderator, thread=thread)
    assert refusal.value.message == MODERATORS_ONLY
    refused(permissions.check_hide_post, standing(moderator, group), thread.posts.get(), message=MODERATORS_ONLY)


def test_slow_mode_holds_members_but_not_moderators():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    thread.slow_mode_seconds = 300
    now = timezone.now()
    with pytest.raises(SlowDown) as refusal:
        permissions.check_slow_mode(standing(member, group), thread, last_posted_at=now - timedelta(seconds=60),
                                    now=now)
    assert refusal.value.retry_after == 240 and "4 minutes" in refusal.value.message
    permissions.check_slow_mode(standing(moderator, group), thread, last_posted_at=now, now=now)
    permissions.check_slow_mode(standing(member, group), thread, last_posted_at=now - timedelta(seconds=300), now=now)


def test_only_the_author_edits_or_deletes_and_never_a_deleted_or_hidden_post():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    assert permissions.can_edit_post(standing(member, group), post)
    assert permissions.can_delete_post(standing(member, group), post)
    refused(permissions.check_edit_post, standing(moderator, group), post, message=permissions.AUTHORS_EDIT)
    refused(permissions.check_delete_post, standing(moderator, group), post, message=permissions.AUTHORS_DELETE)
    content_hide(actor=moderator, target=post, reason="Hors charte")
    post.refresh_from_db()
    refused(permissions.check_edit_post, standing(member, group), post, message=permissions.HIDDEN)
    other = a_thread(group, member, title="Autre").posts.get()
    post_delete(actor=member, post=other)
    refused(permissions.check_edit_post, standing(member, group), other, message=permissions.DELETED)
    refused(permissions.check_delete_post, standing(member, group), other, message=permissions.ALREADY_DELETED)


def test_a_member_who_left_the_group_no_longer_edits_their_posts():
    from entraide.services.groups import group_leave

    group, _moderator, member = forum()
    post = a_thread(group, member).posts.get()
    group_leave(actor=member, group=group)
    refused(permissions.check_edit_post, standing(member, group), post, message=MEMBERS_ONLY)


def test_only_moderators_reveal_and_only_anonymous_posts():
    group, moderator, member = forum()
    anonymous = a_thread(group, member, is_anonymous=True).posts.get()
    signed = a_thread(group, member, title="Signé").posts.get()
    assert permissions.can_reveal_author(standing(moderator, group), anonymous)
    refused(permissions.check_reveal_author, standing(moderator, group), signed, message=permissions.NOT_ANONYMOUS)
    refused(permissions.check_reveal_author, standing(join(group), group), anonymous, message=MODERATORS_ONLY)


def test_members_react_to_the_posts_of_others_only():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    assert permissions.can_react(standing(moderator, group), post)
    refused(permissions.check_react, standing(member, group), post, message=permissions.OWN_POST_REACTION)
    refused(permissions.check_react, standing(UserFactory(), group), post, message=MEMBERS_ONLY)


def test_members_report_the_posts_of_others_even_when_muted():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    assert permissions.can_report_post(standing(moderator, group), post)
    refused(permissions.check_report_post, standing(member, group), post, message=permissions.OWN_POST_REPORT)
    refused(permissions.check_report_post, standing(UserFactory(), group), post, message=MEMBERS_ONLY)
    reporter = muted(group, moderator, join(group))
    assert permissions.can_report_post(standing(reporter, group), post)


def test_the_edit_history_is_for_members():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=True)
    assert permissions.can_view_history(standing(join(group), group), post)
    refused(permissions.check_view_history, standing(UserFactory(), group), post, message=MEMBERS_ONLY)


def test_role_holders_set_the_forum_and_moderators_moderate_it():
    group, moderator, member = forum()
    assert permissions.can_update_forum_settings(standing(moderator, group))
    refused(permissions.check_update_forum_settings, standing(member, group), message=ROLE_HOLDERS_EDIT)
    assert permissions.can_review_stories(standing(moderator, group))
    assert not permissions.can_review_stories(standing(member, group))
