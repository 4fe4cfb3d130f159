"""Moderating a forum through its services: lock, pin and slow mode, revealing an anonymous
author, and hiding a post through the moderation module; each for moderators only, in the log."""

import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from forums import permissions
from forums.services.moderation import (
    post_reveal_author, slow_mode_set, thread_lock, thread_pin, thread_unlock, thread_unpin,
)
from moderation.models import LogAction, ModerationLogEntry
from moderation.permissions import MODERATORS_ONLY
from moderation.services.content import content_hide, content_restore
from tests.factories import join

from .builders import a_thread, forum

pytestmark = pytest.mark.django_db


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
