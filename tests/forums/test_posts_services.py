"""Threads and posts through their services: numbering, length, locks, slow mode, mutes,
quotes, mentions, warnings, edits, deletion, read marks and flood control."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.errors import DomainError, NotAllowed
from entraide.permissions import MEMBERS_ONLY
from forums import permissions
from forums.models import ContentWarning, Mention, PostRevision, ReactionKind, ThreadRead
from forums.services.moderation import slow_mode_set, thread_lock
from forums.services.posts import post_create, post_delete, post_edit, thread_create, thread_mark_read
from forums.services.reactions import reaction_add
from moderation.limits import SlowDown
from moderation.permissions import MUTED
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


# --- Read marks and flood control --------------------------------------------------------------

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


def test_posting_faster_than_the_flood_limit_is_refused_with_a_429_and_nothing_is_stored():
    group, _moderator, member = forum()
    thread = a_thread(group, member)
    post_create(actor=member, thread=thread, body="Deuxième")
    with pytest.raises(DomainError, match="très vite") as refused:
        post_create(actor=member, thread=thread, body="Troisième")
    assert refused.value.status == 429
    assert thread.posts.count() == 2
