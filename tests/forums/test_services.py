from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.permissions import MEMBERS_ONLY, ROLE_HOLDERS_EDIT, SIGN_IN_FIRST
from forums import permissions
from forums.models import (
    ContentWarning, ContentWarningPreference, ForumSettings, Mention, PostRevision, Reaction, ReactionKind,
    ThreadRead, WarningChoice,
)
from forums.services.moderation import (
    post_reveal_author, slow_mode_set, thread_lock, thread_pin, thread_unlock, thread_unpin,
)
from forums.services.posts import post_create, post_delete, post_edit, thread_create, thread_mark_read
from forums.services.reactions import reaction_add, reaction_remove
from forums.services.settings import cw_preference_set, forum_settings_update
from moderation.limits import SlowDown
from moderation.models import LogAction, ModerationLogEntry
from moderation.permissions import MODERATORS_ONLY, MUTED
from moderation.services.content import content_hide, content_restore
from tests.factories import UserFactory, join

from .builders import a_thread, forum, muted

pytestmark = pytest.mark.django_db


# --- Threads and posts -------------------------------------------------------------------------

def test_a_member_starts_a_thread_whose_first_post_is_numbered_one_and_rendered_once():
    group, _moderator, member = forum()
    thread = a_thread(group, member, title="  Le   deuil  ", body="**Courage** à vous")
    post = thread.posts.get()
    assert (thread.title, thread.post_count, post.number, post.group) == ("Le deuil", 1, 1, group)
    assert post.body_html == "<p><strong>Courage</strong> à vous</p>\n"
    assert ThreadRead.objects.get(member=member, thread=thread).last_read_post_number == 1


def test_replies_are_numbered_in_order_and_move_the_thread_up():
    group, moderator, member = forum()
    thread = a_thread(group, member, )
    later = timezone.now() + timedelta(minutes=5)
    reply = post_create(actor=moderator, thread=thread, body="Je comprends.", now=later)
    thread.refresh_from_db()
    assert (reply.number, thread.post_count, thread.last_activity_at) == (2, 2, later)


def test_outsiders_cannot_start_a_thread_or_reply():
    group, _moderator, member = forum()
    thread = a_thread(group, member)
    outsider = UserFactory()
    with pytest.raises(NotAllowed) as refused:
        thread_create(actor=outsider, group=group, title="Bonjour", body="Coucou")
    assert refused.value.message == MEMBERS_ONLY
    with pytest.raises(NotAllowed) as refused:
        post_create(actor=outsider, thread=thread, body="Coucou")
    assert refused.value.message == MEMBERS_ONLY
    assert group.forum_threads.count() == 1 and thread.posts.count() == 1


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * 100_000, "x" * 20_001])
def test_empty_or_too_long_posts_are_refused_with_a_clear_message_and_nothing_is_stored(body):
    group, _moderator, member = forum()
    thread = a_thread(group, member)
    with pytest.raises(DomainError) as refused:
        post_create(actor=member, thread=thread, body=body)
    assert refused.value.status == 400
    assert "vide" in refused.value.message or "20000" in refused.value.message.replace(" ", "").replace("\u202f", "")
    assert thread.posts.count() == 1


def test_a_post_of_exactly_twenty_thousand_characters_is_accepted():
    group, _moderator, member = forum()
    assert post_create(actor=member, thread=a_thread(group, member), body="y" * 20_000).number == 2


def test_a_thread_needs_a_title_of_at_most_two_hundred_characters():
    group, _moderator, member = forum()
    for title in ("", "t" * 201):
        with pytest.raises(DomainError):
            thread_create(actor=member, group=group, title=title, body="Bonjour")
    assert not group.forum_threads.exists()


def test_a_locked_thread_takes_no_reply_from_members_but_moderators_may_explain():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    thread_lock(actor=moderator, thread=thread, reason="Le sujet s'est envenimé.")
    with pytest.raises(NotAllowed) as refused:
        post_create(actor=member, thread=thread, body="Encore un mot")
    assert refused.value.message == permissions.THREAD_LOCKED and refused.value.status == 403
    assert post_create(actor=moderator, thread=thread, body="Je verrouille ce sujet.").number == 2


def test_slow_mode_makes_a_member_wait_between_posts_in_the_thread():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    slow_mode_set(actor=moderator, thread=thread, seconds=300)
    start = timezone.now()
    with pytest.raises(SlowDown, match="mode lent") as refused:
        post_create(actor=member, thread=thread, body="Trop vite", now=start + timedelta(seconds=10))
    assert refused.value.status == 429 and 280 <= refused.value.retry_after <= 290
    assert "5 minutes" in refused.value.message
    assert post_create(actor=member, thread=thread, body="Après la pause", now=start + timedelta(seconds=301)).number == 2


def test_slow_mode_does_not_hold_moderators():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    slow_mode_set(actor=moderator, thread=thread, seconds=300)
    post_create(actor=moderator, thread=thread, body="Je ralentis ce sujet.")
    assert post_create(actor=moderator, thread=thread, body="Et je précise pourquoi.").number == 3


def test_a_muted_member_cannot_post_and_gets_the_mute_message():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    muted(group, moderator, member)
    for write in (lambda: post_create(actor=member, thread=thread, body="Bonjour"),
                  lambda: thread_create(actor=member, group=group, title="Encore", body="Bonjour")):
        with pytest.raises(NotAllowed) as refused:
            write()
        assert refused.value.message == MUTED
    assert thread.posts.count() == 1 and not group.forum_threads.filter(title="Encore").exists()


def test_a_reply_quotes_a_post_of_the_same_thread_only():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    first = thread.posts.get()
    reply = post_create(actor=moderator, thread=thread, body="> Bonjour\n\nMerci", quote_of=first)
    assert reply.quote_of == first
    elsewhere = a_thread(group, member, title="Autre sujet").posts.get()
    with pytest.raises(DomainError, match="cité"):
        post_create(actor=moderator, thread=thread, body="Citation", quote_of=elsewhere)


def test_mentions_of_members_are_stored_and_malformed_ones_stay_text():
    group, moderator, member = forum()
    spaced = join(group, UserFactory(pseudonym="Marie Claire"))
    outsider = UserFactory(pseudonym="Dehors")
    thread = a_thread(group, member)
    text = (f"Merci @{moderator.pseudonym.upper()} et @Marie Claire ! @ @@x @<script> @Dehors "
            f"moi@{spaced.pseudonym} @{member.pseudonym}")
    post = post_create(actor=member, thread=thread, body=text)
    assert set(Mention.objects.filter(post=post).values_list("member__pseudonym", flat=True)) == {
        moderator.pseudonym, "Marie Claire"}
    assert "@&lt;script&gt;" in post.body_html and "@@x" in post.body_html
    assert outsider.forum_mentions.count() == 0


def test_content_warnings_are_kept_in_order_and_other_needs_its_word():
    group, _moderator, member = forum()
    thread = a_thread(group, member, content_warnings=["medical", "death_grief"])
    assert thread.posts.get().content_warnings == ["death_grief", "medical"]
    with pytest.raises(DomainError, match="Précisez"):
        post_create(actor=member, thread=thread, body="Bonjour", content_warnings=["other"])
    post = post_create(actor=member, thread=thread, body="Bonjour", other_warning="  hôpital ")
    assert (post.content_warnings, post.other_warning) == ([ContentWarning.OTHER], "hôpital")
    with pytest.raises(DomainError):
        post_create(actor=member, thread=thread, body="Bonjour", content_warnings=["gore"])


# --- Edits and deletion ------------------------------------------------------------------------

def test_the_author_edits_and_the_previous_version_stays_in_the_history():
    group, _moderator, member = forum()
    post = a_thread(group, member, body="Premier jet").posts.get()
    post_edit(actor=member, post=post, body="Version *revue*")
    post.refresh_from_db()
    assert post.body_html == "<p>Version <em>revue</em></p>\n" and post.edited_at is not None
    assert list(PostRevision.objects.filter(post=post).values_list("body_html", flat=True)) == ["<p>Premier jet</p>\n"]


def test_nobody_else_edits_or_deletes_a_post_and_it_stays_as_it_was():
    group, moderator, member = forum()
    post = a_thread(group, member, body="Mon texte").posts.get()
    with pytest.raises(NotAllowed) as refused:
        post_edit(actor=moderator, post=post, body="Pas le mien")
    assert refused.value.message == permissions.AUTHORS_EDIT
    with pytest.raises(NotAllowed) as refused:
        post_delete(actor=moderator, post=post)
    assert refused.value.message == permissions.AUTHORS_DELETE
    post.refresh_from_db()
    assert (post.body, post.deleted_by_author_at) == ("Mon texte", None)


def test_an_edit_to_an_empty_text_is_refused_and_the_post_is_kept():
    group, _moderator, member = forum()
    post = a_thread(group, member, body="Mon texte").posts.get()
    with pytest.raises(DomainError, match="vide"):
        post_edit(actor=member, post=post, body=" ")
    post.refresh_from_db()
    assert post.body == "Mon texte" and not post.revisions.exists()


def test_deleting_keeps_the_place_of_the_post_and_takes_its_words_history_and_reactions():
    group, moderator, member = forum()
    post = a_thread(group, member, body="Premier jet").posts.get()
    post_edit(actor=member, post=post, body="Second jet")
    reaction_add(actor=moderator, post=post, kind=ReactionKind.ME_TOO)
    post_delete(actor=member, post=post)
    post.refresh_from_db()
    assert post.is_deleted and (post.body, post.body_html, post.number) == ("", "", 1)
    assert not post.revisions.exists() and not post.reactions.exists()
    with pytest.raises(NotAllowed) as refused:
        post_delete(actor=member, post=post)
    assert refused.value.message == permissions.ALREADY_DELETED


# --- Moderation --------------------------------------------------------------------------------

def test_lock_pin_and_slow_mode_are_for_moderators_and_go_to_the_log_with_their_reason():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    for refused_action in (lambda: thread_lock(actor=member, thread=thread),
                           lambda: thread_pin(actor=member, thread=thread),
                           lambda: slow_mode_set(actor=member, thread=thread, seconds=60)):
        with pytest.raises(NotAllowed) as refused:
            refused_action()
        assert refused.value.message == MODERATORS_ONLY
    thread_lock(actor=moderator, thread=thread, reason="Pause")
    thread_unlock(actor=moderator, thread=thread)
    thread_pin(actor=moderator, thread=thread)
    thread_unpin(actor=moderator, thread=thread)
    slow_mode_set(actor=moderator, thread=thread, seconds=3600, reason="Calmer le jeu")
    entries = list(ModerationLogEntry.objects.filter(group=group).exclude(action=LogAction.FOUNDING_ROLES)
                   .order_by("pk").values_list("action", "reason"))
    assert entries == [
        (LogAction.THREAD_LOCKED, "Pause"), (LogAction.THREAD_UNLOCKED, ""), (LogAction.THREAD_PINNED, ""),
        (LogAction.THREAD_UNPINNED, ""), (LogAction.SLOW_MODE_SET, "Calmer le jeu"),
    ]
    thread.refresh_from_db()
    assert (thread.is_locked, thread.is_pinned, thread.slow_mode_seconds) == (False, False, 3600)


def test_locking_twice_is_a_conflict_and_slow_mode_is_bounded():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    thread_lock(actor=moderator, thread=thread)
    with pytest.raises(Conflict):
        thread_lock(actor=moderator, thread=thread)
    for seconds in (-1, 86_401, "beaucoup"):
        with pytest.raises(DomainError, match="24 heures"):
            slow_mode_set(actor=moderator, thread=thread, seconds=seconds)


def test_revealing_an_anonymous_author_needs_a_reason_and_is_logged_without_the_name():
    group, moderator, member = forum()
    post = a_thread(group, member, is_anonymous=True).posts.get()
    with pytest.raises(DomainError, match="pourquoi"):
        post_reveal_author(actor=moderator, post=post, reason="  ")
    with pytest.raises(NotAllowed) as refused:
        post_reveal_author(actor=join(group), post=post, reason="Curiosité")
    assert refused.value.message == MODERATORS_ONLY
    assert post_reveal_author(actor=moderator, post=post, reason="Menace dans le message") == member
    entry = ModerationLogEntry.objects.get(action=LogAction.AUTHOR_REVEALED)
    assert entry.reason == "Menace dans le message"
    assert member.pseudonym not in f"{entry.target_display} {entry.target_facts}"


def test_a_signed_post_has_no_author_to_reveal():
    group, moderator, member = forum()
    with pytest.raises(NotAllowed) as refused:
        post_reveal_author(actor=moderator, post=a_thread(group, member).posts.get(), reason="Pour voir")
    assert refused.value.message == permissions.NOT_ANONYMOUS
    assert not ModerationLogEntry.objects.filter(action=LogAction.AUTHOR_REVEALED).exists()


def test_moderators_hide_and_restore_a_post_through_the_moderation_module():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    content_hide(actor=moderator, target=post, reason="Hors charte")
    post.refresh_from_db()
    assert post.is_hidden
    content_restore(actor=moderator, target=post, reason="Malentendu")
    post.refresh_from_db()
    assert not post.is_hidden
    assert set(ModerationLogEntry.objects.filter(group=group).values_list("action", flat=True)) >= {
        LogAction.CONTENT_HIDDEN, LogAction.CONTENT_RESTORED}


# --- Reactions, read marks, preferences, settings ---------------------------------------------

def test_reacting_twice_the_same_way_is_a_conflict_and_the_reaction_can_be_taken_back():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    reaction_add(actor=moderator, post=post, kind=ReactionKind.THINKING_OF_YOU)
    reaction_add(actor=moderator, post=post, kind=ReactionKind.THANK_YOU)
    with pytest.raises(Conflict, match="déjà"):
        reaction_add(actor=moderator, post=post, kind=ReactionKind.THINKING_OF_YOU)
    reaction_remove(actor=moderator, post=post, kind=ReactionKind.THINKING_OF_YOU)
    assert list(Reaction.objects.values_list("kind", flat=True)) == [ReactionKind.THANK_YOU]
    with pytest.raises(Conflict):
        reaction_remove(actor=moderator, post=post, kind=ReactionKind.THINKING_OF_YOU)


def test_there_is_no_reaction_against_a_post_nor_on_ones_own():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    with pytest.raises(DomainError):
        reaction_add(actor=moderator, post=post, kind="downvote")
    with pytest.raises(NotAllowed) as refused:
        reaction_add(actor=member, post=post, kind=ReactionKind.HELPFUL)
    assert refused.value.message == permissions.OWN_POST_REACTION
    with pytest.raises(NotAllowed) as refused:
        reaction_add(actor=UserFactory(), post=post, kind=ReactionKind.HELPFUL)
    assert refused.value.message == MEMBERS_ONLY
    assert not Reaction.objects.exists()


def test_read_marks_only_move_forward():
    group, moderator, member = forum()
    thread = a_thread(group, member)
    thread_mark_read(actor=moderator, thread=thread, number=3)
    thread_mark_read(actor=moderator, thread=thread, number=2)
    assert ThreadRead.objects.get(member=moderator, thread=thread).last_read_post_number == 3


def test_an_outsider_keeps_no_read_mark():
    group, _moderator, member = forum()
    thread = a_thread(group, member)
    with pytest.raises(NotAllowed) as refused:
        thread_mark_read(actor=UserFactory(), thread=thread, number=1)
    assert refused.value.message == MEMBERS_ONLY
    assert ThreadRead.objects.filter(thread=thread).count() == 1


def test_warning_preferences_are_one_per_warning_and_checked():
    member = UserFactory()
    cw_preference_set(actor=member, warning=ContentWarning.EATING, choice=WarningChoice.HIDE)
    cw_preference_set(actor=member, warning=ContentWarning.EATING, choice=WarningChoice.SHOW)
    assert list(ContentWarningPreference.objects.values_list("warning", "choice")) == [("eating", "show")]
    with pytest.raises(DomainError):
        cw_preference_set(actor=member, warning="spiders", choice=WarningChoice.HIDE)
    with pytest.raises(DomainError):
        cw_preference_set(actor=member, warning=ContentWarning.EATING, choice="maybe")


def test_a_visitor_is_asked_to_sign_in_to_choose_warning_preferences():
    with pytest.raises(NotAllowed) as refused:
        cw_preference_set(actor=AnonymousUser(), warning=ContentWarning.EATING, choice=WarningChoice.HIDE)
    assert refused.value.message == SIGN_IN_FIRST
    assert not ContentWarningPreference.objects.exists()


def test_only_a_listed_group_opens_its_forum_to_everyone_and_only_role_holders_decide():
    group, moderator, member = forum()
    with pytest.raises(NotAllowed) as refused:
        forum_settings_update(actor=member, group=group, readable_by_anyone=True)
    assert refused.value.message == ROLE_HOLDERS_EDIT
    assert forum_settings_update(actor=moderator, group=group, readable_by_anyone=True).readable_by_anyone
    hidden, hidden_creator, _member = forum(unlisted=True)
    with pytest.raises(DomainError, match="non répertorié"):
        forum_settings_update(actor=hidden_creator, group=hidden, readable_by_anyone=True)
    assert not ForumSettings.objects.filter(group=hidden).exists()


def test_posting_faster_than_the_flood_limit_is_refused_with_a_429_and_nothing_is_stored():
    group, _moderator, member = forum()
    thread = a_thread(group, member)
    post_create(actor=member, thread=thread, body="Deuxième")
    with pytest.raises(DomainError, match="très vite") as refused:
        post_create(actor=member, thread=thread, body="Troisième")
    assert refused.value.status == 429
    assert thread.posts.count() == 2
