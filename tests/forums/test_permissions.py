import pytest

from entraide.models import Visibility
from forums import permissions
from forums.models import ForumSettings
from forums.services.moderation import thread_lock
from forums.services.posts import post_delete
from forums.services.settings import forum_settings_update
from moderation.services.content import content_hide
from tests.factories import UserFactory, join

from .builders import a_thread, forum, fresh

pytestmark = pytest.mark.django_db


class Visitor:
    pk = None
    is_authenticated = False
    is_active = False


def test_members_read_a_private_forum_and_nobody_else_does():
    group, moderator, member = forum()
    assert permissions.can_read_forum(member, group) and permissions.can_read_forum(moderator, group)
    assert not permissions.can_read_forum(UserFactory(), group)
    assert not permissions.can_read_forum(Visitor(), group)


def test_a_public_forum_of_a_listed_group_is_read_by_anyone():
    group, moderator, _member = forum()
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=True)
    assert permissions.can_read_forum(Visitor(), group) and permissions.can_read_forum(UserFactory(), group)
    assert not permissions.can_post(UserFactory(), group)


def test_an_unlisted_group_never_has_a_public_forum_even_when_its_settings_say_so():
    group, _moderator, member = forum(unlisted=True)
    ForumSettings.objects.create(group=group, readable_by_anyone=True)
    group.refresh_from_db()
    assert not permissions.forum_is_public(group)
    assert not permissions.can_read_forum(UserFactory(), group)
    group.visibility = Visibility.LISTED
    assert permissions.forum_is_public(group)


def test_a_muted_member_reads_but_cannot_post(monkeypatch):
    group, _moderator, member = forum()
    monkeypatch.setattr("moderation.permissions.is_muted", lambda user, group, now=None: True)
    member = fresh(member)
    assert permissions.can_read_forum(member, group)
    assert not permissions.can_post(member, group)


def test_a_locked_thread_takes_replies_from_moderators_only():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    thread_lock(actor=moderator, thread=thread)
    assert not permissions.can_reply(member, thread)
    assert permissions.can_reply(moderator, thread)


def test_only_the_author_edits_or_deletes_and_never_a_deleted_or_hidden_post():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    assert permissions.can_edit_post(member, post) and permissions.can_delete_post(member, post)
    assert not permissions.can_edit_post(moderator, post) and not permissions.can_delete_post(moderator, post)
    content_hide(actor=moderator, target=post, reason="Hors charte")
    post.refresh_from_db()
    assert not permissions.can_edit_post(member, post)
    other = a_thread(group, member, title="Autre").posts.get()
    post_delete(actor=member, post=other)
    assert not permissions.can_edit_post(member, other) and not permissions.can_delete_post(member, other)


def test_a_member_who_left_the_group_no_longer_edits_their_posts():
    from entraide.services.groups import group_leave

    group, _moderator, member = forum()
    post = a_thread(group, member).posts.get()
    group_leave(actor=member, group=group)
    assert not permissions.can_edit_post(fresh(member), post)


def test_only_moderators_reveal_and_only_anonymous_posts():
    group, moderator, member = forum()
    anonymous = a_thread(group, member, is_anonymous=True).posts.get()
    signed = a_thread(group, member, title="Signé").posts.get()
    assert permissions.can_reveal_author(moderator, anonymous)
    assert not permissions.can_reveal_author(moderator, signed)
    assert not permissions.can_reveal_author(join(group), anonymous)


def test_members_react_to_the_posts_of_others_only():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    assert permissions.can_react(moderator, post)
    assert not permissions.can_react(member, post)
    assert not permissions.can_react(UserFactory(), post)


def test_members_report_the_posts_of_others():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    assert permissions.can_report_post(moderator, post)
    assert not permissions.can_report_post(member, post)
    assert not permissions.can_report_post(UserFactory(), post)


def test_the_edit_history_is_for_members():
    group, _moderator, member = forum()
    post = a_thread(group, member).posts.get()
    forum_settings_update(actor=group.created_by, group=group, readable_by_anyone=True)
    assert permissions.can_view_history(join(group), post)
    assert not permissions.can_view_history(UserFactory(), post)


def test_role_holders_set_the_forum_and_moderators_moderate_it():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    assert permissions.can_update_forum_settings(moderator, group)
    assert not permissions.can_update_forum_settings(member, group)
    assert permissions.can_moderate_thread(moderator, thread)
    assert not permissions.can_moderate_thread(member, thread)
