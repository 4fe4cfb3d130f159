"""What the moderation log says of forum things is kept as facts and worded in the reader's
language: a moderator's language stays out of it just as a reporter's does."""

import pytest
from django.utils import translation

from forums.services.moderation import post_reveal_author, slow_mode_set, thread_lock
from forums.services.stories import story_approve, story_offer
from forums.models import StorySignature
from moderation.models import LogAction, ModerationLogEntry
from moderation.services.content import content_hide

from .builders import a_thread, forum

pytestmark = pytest.mark.django_db


def entry(action) -> ModerationLogEntry:
    return ModerationLogEntry.objects.get(action=action)


def test_slow_mode_is_kept_as_seconds_and_read_in_each_readers_language():
    group, moderator, member = forum()
    thread = a_thread(group, member, title="Nuits difficiles")
    with translation.override("en"):
        slow_mode_set(actor=moderator, thread=thread, seconds=300, reason="Calmer le jeu")
    logged = entry(LogAction.SLOW_MODE_SET)
    assert (logged.target_kind, logged.target_facts, logged.target) == (
        "slow_mode", {"thread_id": thread.pk, "title": "Nuits difficiles", "seconds": 300}, "")
    with translation.override("fr"):
        assert logged.target_display == "Nuits difficiles · un message toutes les 5 minutes"
    with translation.override("en"):
        assert logged.target_display == "Nuits difficiles · one message every 5 minutes"


def test_a_locked_thread_is_named_by_its_title_as_written():
    group, moderator, member = forum()
    thread = a_thread(group, member, title="Nuits difficiles")
    thread_lock(actor=moderator, thread=thread)
    logged = entry(LogAction.THREAD_LOCKED)
    assert (logged.target_kind, logged.target_facts["thread_id"]) == ("thread", thread.pk)
    with translation.override("de"):
        assert logged.target_display == "Nuits difficiles"


def test_a_hidden_post_and_a_revealed_author_are_worded_for_the_reader():
    group, moderator, member = forum()
    post = a_thread(group, member, title="Nuits difficiles", is_anonymous=True).posts.get()
    with translation.override("it"):
        content_hide(actor=moderator, target=post, reason="Hors charte")
        post_reveal_author(actor=moderator, post=post, reason="Menace dans le message")
    for action in (LogAction.CONTENT_HIDDEN, LogAction.AUTHOR_REVEALED):
        logged = entry(action)
        assert logged.target_facts == {"post_id": post.pk, "number": 1, "thread_id": post.thread_id,
                                       "title": "Nuits difficiles"}
        with translation.override("fr"):
            assert logged.target_display == "Message n° 1 du sujet « Nuits difficiles »"


def test_an_approved_story_is_worded_for_the_reader_and_keeps_its_author_out():
    group, moderator, member = forum()
    story = story_offer(actor=member, group=group, title="Ce qui m'a aidé", body="Parler m'a aidé.",
                        signature=StorySignature.ANONYMOUS, consent=True)
    with translation.override("en"):
        story_approve(actor=moderator, story=story)
    logged = entry(LogAction.STORY_APPROVED)
    assert logged.target_facts == {"story_id": story.pk, "title": "Ce qui m'a aidé"}
    with translation.override("fr"):
        assert logged.target_display == "Témoignage « Ce qui m'a aidé »"
    with translation.override("en"):
        assert logged.target_display == "Story “Ce qui m'a aidé”"
