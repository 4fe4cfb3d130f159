"""Sending chat messages through the service: seqs without gaps or doubles, one message per
client_id, what is refused and in which words, slow mode, flood control, mentions, and what
hiding tells every socket."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from chat.models import BODY_MAX_LENGTH, ChatMessage, ChatRoom
from chat.permissions import Muted
from chat.services import (
    CHAT_MENTION,
    MessageRefused,
    chat_channel_group,
    chat_presence_hide_set,
    chat_slow_mode_set,
    message_send,
)
from entraide.errors import Conflict, DomainError, NotAllowed, NotFound
from moderation.limits import SlowDown
from moderation.models import LogAction, ModerationLogEntry
from moderation.services.content import content_hide, content_restore
from moderation.services.safety import member_mute
from notifications.models import Notification
from tests.factories import UserFactory, join
from tests.listening import heard_while
from tests.moderation.builders import removed_from

from .builders import chat_group, muted_in_chat, said

pytestmark = pytest.mark.django_db


def events_on(channel_group, run) -> list[dict]:
    """What the group's sockets hear while `run()` commits."""
    return heard_while({"group": channel_group}, run)["group"]


def test_messages_take_the_groups_next_seq_one_after_another():
    group, founder, member = chat_group()
    assert [said(group, author).seq for author in (founder, member, founder)] == [1, 2, 3]
    assert ChatRoom.objects.get(group=group).last_seq == 3


def test_each_group_counts_its_own_seqs():
    group, founder, _member = chat_group()
    other, other_founder, _ = chat_group()
    said(group, founder)
    assert said(other, other_founder).seq == 1


def test_the_same_client_id_stores_one_message_and_takes_no_new_seq():
    group, _founder, member = chat_group()
    first, created = message_send(actor=member, group=group, body="Bonjour", client_id="abc-1")
    again, created_again = message_send(actor=member, group=group, body="Bonjour", client_id="abc-1")
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and ChatMessage.objects.filter(group=group).count() == 1
    assert said(group, member).seq == 2


def test_two_members_may_use_the_same_client_id():
    group, founder, member = chat_group()
    said(group, founder, client_id="same")
    assert said(group, member, client_id="same").seq == 2


def test_the_body_is_stripped_and_rendered_as_forum_text_is():
    group, _founder, member = chat_group()
    message = said(group, member, "  **Merci** <script>alert(1)</script>  ")
    assert message.body == "**Merci** <script>alert(1)</script>"
    assert "<strong>Merci</strong>" in message.body_html and "<script>" not in message.body_html


@pytest.mark.parametrize("body, code", [("   ", "empty"), ("", "empty"), ("é" * (BODY_MAX_LENGTH + 1), "too_long")])
def test_an_empty_or_too_long_message_is_refused_in_words(body, code):
    group, _founder, member = chat_group()
    with pytest.raises(MessageRefused) as refused:
        message_send(actor=member, group=group, body=body, client_id="x")
    assert refused.value.code == code and str(refused.value.message)
    assert not ChatMessage.objects.exists()


def test_a_message_of_exactly_the_limit_is_stored():
    group, _founder, member = chat_group()
    assert len(said(group, member, "a" * BODY_MAX_LENGTH).body) == BODY_MAX_LENGTH


@pytest.mark.parametrize("client_id", ["", "a" * 65, "with space", "é", None, 12])
def test_a_client_id_of_the_wrong_shape_is_refused(client_id):
    group, _founder, member = chat_group()
    with pytest.raises(MessageRefused) as refused:
        message_send(actor=member, group=group, body="Bonjour", client_id=client_id)
    assert refused.value.code == "bad_field"


def test_only_members_write_in_the_chat():
    group, _founder, _member = chat_group()
    with pytest.raises(NotAllowed):
        said(group, UserFactory())


def test_a_removed_member_can_no_longer_write():
    group, _founder, member = chat_group()
    removed_from(group, member)
    with pytest.raises(NotAllowed):
        said(group, member)


def test_a_muted_member_is_refused_with_the_mute_message_and_stores_nothing():
    group, founder, member = chat_group()
    muted_in_chat(group, founder, member)
    count = ChatMessage.objects.count()
    with pytest.raises(Muted) as refused:
        said(group, member)
    assert "pour le moment" in str(refused.value.message)
    assert ChatMessage.objects.count() == count


def test_slow_mode_holds_members_but_not_moderators():
    group, founder, member = chat_group()
    chat_slow_mode_set(actor=founder, group=group, seconds=30)
    now = timezone.now()
    message_send(actor=member, group=group, body="Un", client_id="a", now=now)
    with pytest.raises(SlowDown) as slowed:
        message_send(actor=member, group=group, body="Deux", client_id="b", now=now + timedelta(seconds=10))
    assert slowed.value.retry_after == 20 and "mode lent" in str(slowed.value.message)
    message_send(actor=member, group=group, body="Deux", client_id="b", now=now + timedelta(seconds=31))
    said(group, founder), said(group, founder)


def test_a_retried_message_is_not_held_by_slow_mode():
    group, founder, member = chat_group()
    chat_slow_mode_set(actor=founder, group=group, seconds=60)
    first = said(group, member, client_id="once")
    assert said(group, member, client_id="once").pk == first.pk


def test_slow_mode_is_set_by_moderators_only_and_written_to_the_log():
    group, founder, member = chat_group()
    with pytest.raises(NotAllowed):
        chat_slow_mode_set(actor=member, group=group, seconds=30)
    chat_slow_mode_set(actor=founder, group=group, seconds=30, reason="Beaucoup de tension ce soir.")
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.SLOW_MODE_SET)
    assert entry.target_kind == "chat_slow_mode" and entry.target_facts == {"seconds": 30}
    with pytest.raises(Conflict):
        chat_slow_mode_set(actor=founder, group=group, seconds=30)


@pytest.mark.parametrize("seconds", [-1, 3601, "30", True, None])
def test_slow_mode_takes_whole_seconds_up_to_an_hour(seconds):
    group, founder, _member = chat_group()
    with pytest.raises(DomainError):
        chat_slow_mode_set(actor=founder, group=group, seconds=seconds)


def test_flood_control_counts_a_members_messages_across_their_sockets():
    group, _founder, member = chat_group()
    member.date_joined = timezone.now() - timedelta(days=30)
    member.save(update_fields=["date_joined"])
    for _ in range(20):
        said(group, member)
    with pytest.raises(SlowDown) as slowed:
        said(group, member)
    assert slowed.value.retry_after > 0


def test_a_mention_notifies_the_member_named_unless_they_muted_the_author(django_capture_on_commit_callbacks):
    group, founder, member = chat_group()
    quiet = join(group, UserFactory(pseudonym="Petit Ours"))
    member_mute(actor=quiet, member=founder)
    listener = join(group, UserFactory(pseudonym="Colibri Bleu"))
    with django_capture_on_commit_callbacks(execute=True):
        message = said(group, founder, f"Merci @colibri bleu et @Petit Ours, et @{founder.pseudonym} aussi.")
    notified = Notification.objects.filter(kind=CHAT_MENTION)
    assert [(n.recipient_id, n.subject_id) for n in notified] == [(listener.pk, message.pk)]
    assert member.pk not in {n.recipient_id for n in notified}


def test_hiding_a_message_tells_every_socket_and_restoring_brings_it_back(django_capture_on_commit_callbacks):
    group, founder, member = chat_group()
    message = said(group, member, "Un message blessant.")

    def hide():
        with django_capture_on_commit_callbacks(execute=True):
            content_hide(actor=founder, target=message, reason="Propos blessants.")

    assert events_on(chat_channel_group(group.pk), hide) == [{"type": "chat.hidden", "seq": message.seq,
                                                              "author_id": message.author_id}]
    message.refresh_from_db()
    assert message.is_hidden

    def restore():
        with django_capture_on_commit_callbacks(execute=True):
            content_restore(actor=founder, target=message, reason="Relu : rien de blessant.")

    (restored,) = events_on(chat_channel_group(group.pk), restore)
    assert restored["type"] == "chat.restored" and restored["seq"] == message.seq and restored["body_html"]


def test_a_stored_message_is_broadcast_once_on_commit_and_a_retry_not_at_all(django_capture_on_commit_callbacks):
    group, _founder, member = chat_group()

    def send_twice():
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                message_send(actor=member, group=group, body="Bonjour", client_id="twice")

    (event,) = events_on(chat_channel_group(group.pk), send_twice)
    assert event["type"] == "chat.message" and event["seq"] == 1 and event["client_id"] == "twice"
    assert event["author"] == {"id": member.pk, "pseudonym": member.pseudonym}


def test_hiding_ones_presence_is_kept_for_the_member():
    _group, _founder, member = chat_group()
    assert chat_presence_hide_set(actor=member, hidden=True).hide_presence is True
    assert chat_presence_hide_set(actor=member, hidden=False).hide_presence is False


def test_sending_costs_a_fixed_number_of_queries(django_assert_num_queries):
    group, founder, member = chat_group()
    said(group, founder)
    # The standing, the room with the client_id looked up, and the store between a savepoint
    # and its release (the test's transaction is the caller's): on PostgreSQL one statement
    # takes the seq and stores the message, on SQLite the seq is taken, then the message stored.
    with django_assert_num_queries(4 + (1 if connection.vendor == "postgresql" else 2)):
        said(group, member, "Bonjour à vous")


def test_a_copy_that_slips_past_the_lookup_is_answered_with_the_first_and_takes_no_seq(monkeypatch):
    # What two sockets sending at the same instant do: both look, neither sees the other's
    # message, and the second store breaks the unique client_id. Inside the caller's
    # transaction (here the test's), which stays usable.
    from chat.services import messages

    group, _founder, member = chat_group()
    first, created = message_send(actor=member, group=group, body="Me revoilà", client_id="again")
    looked_up = messages._room_with_stored_id

    def not_seeing_it(**kwargs):
        room = looked_up(**kwargs)
        room.stored_id = None
        return room

    monkeypatch.setattr(messages, "_room_with_stored_id", not_seeing_it)
    again, created_again = message_send(actor=member, group=group, body="Me revoilà", client_id="again")
    assert created and not created_again and again.pk == first.pk and again.seq == 1
    assert ChatRoom.objects.get(group=group).last_seq == 1
    assert said(group, member).seq == 2


def test_a_message_whose_group_goes_while_it_is_on_its_way_is_refused_as_not_found(monkeypatch):
    from chat.services import messages

    group, _founder, member = chat_group()
    said(group, member)
    looked_up = messages._room_with_stored_id

    def then_gone(**kwargs):
        room = looked_up(**kwargs)
        ChatRoom.objects.filter(pk=room.pk).delete()  # as deleting the group does, with its messages
        return room

    monkeypatch.setattr(messages, "_room_with_stored_id", then_gone)
    with pytest.raises(NotFound):
        message_send(actor=member, group=group, body="Il y a quelqu'un ?", client_id="late")
    assert not ChatMessage.objects.filter(group=group, client_id="late").exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_senders_get_seqs_one_to_twenty_without_gaps_or_doubles(no_flood_limits):
    group, founder, _member = chat_group()
    senders = [join(group) for _ in range(20)]
    start = threading.Barrier(len(senders))
    failures = []

    def send(author):
        try:
            start.wait(timeout=30)
            message_send(actor=author, group=group, body=f"Bonjour de {author.pseudonym}", client_id="one")
        except Exception as error:  # noqa: BLE001 (reported below, with the thread's error)
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(author,)) for author in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures
    seqs = sorted(ChatMessage.objects.filter(group=group).values_list("seq", flat=True))
    assert seqs == list(range(1, 21))
    assert ChatRoom.objects.get(group=group).last_seq == 20


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_message_sent_at_once_from_several_sockets_is_stored_once_and_answered_to_each(no_flood_limits):
    group, _founder, member = chat_group()
    sockets = 8
    start = threading.Barrier(sockets)
    answers, failures = [], []

    def send():
        try:
            start.wait(timeout=30)
            answers.append(message_send(actor=member, group=group, body="Me revoilà", client_id="again"))
        except Exception as error:  # noqa: BLE001 (reported below, with the thread's error)
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(sockets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures
    assert sorted(created for _message, created in answers) == [False] * (sockets - 1) + [True]
    assert {message.seq for message, _created in answers} == {1}
    assert ChatMessage.objects.filter(group=group).count() == 1
    # The seqs of the copies rolled back with them: the next message takes 2.
    assert ChatRoom.objects.get(group=group).last_seq == 1
