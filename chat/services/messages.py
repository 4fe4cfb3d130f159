"""Sending a chat message, and hiding or restoring one for moderation.

A message takes the group's next seq in the step that stores it, with the group's room row
locked: concurrent senders queue on that row, whichever process they run in, so seqs are unique,
and a store that fails gives its seq back, so there are no gaps. The message is stored before
anyone hears of it: the broadcast goes out on commit (entraide.realtime.publish_on_commit)."""

import re
from contextlib import nullcontext

from django.db import IntegrityError, connection, transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError, NotFound
from entraide.models import User
from entraide.realtime import publish_on_commit
from entraide.standing import read_standing
from entraide.text import render_markdown
from moderation.limits import flood_check
from moderation.models import MemberBlock, MemberMute
from notifications.services import notification_send

from .. import permissions
from ..models import BODY_MAX_LENGTH, ChatMessage, ChatRoom
from ..selectors import message_frame

CHAT_MENTION = "chat_mention"
_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class MessageRefused(DomainError):
    """What was sent cannot be stored as it is; `code` is the socket's error code."""

    def __init__(self, message, *, code: str):
        super().__init__(message)
        self.code = code


def chat_channel_group(group_id: int) -> str:
    """Every socket open on a group's chat listens here."""
    return f"chat.group.{group_id}"


def clean_body(body) -> str:
    body = (body or "").strip()
    if not body:
        raise MessageRefused(_("Votre message est vide : écrivez quelques mots avant d'envoyer."), code="empty")
    if len(body) > BODY_MAX_LENGTH:
        raise MessageRefused(
            _("Votre message compte %(length)s caractères ; la limite est de %(limit)s. "
              "Raccourcissez-le ou partagez-le en plusieurs messages.")
            % {"length": len(body), "limit": BODY_MAX_LENGTH}, code="too_long")
    return body


def clean_client_id(client_id) -> str:
    if not isinstance(client_id, str) or not _CLIENT_ID.fullmatch(client_id):
        raise MessageRefused(_("L'identifiant du message compte de 1 à 64 lettres, chiffres, « - » ou « _ »."),
                             code="bad_field")
    return client_id


def message_send(*, actor, group, body, client_id, now=None) -> tuple[ChatMessage, bool]:
    """Store a message under the group's next seq and broadcast it on commit. The same
    `client_id` sent again by the same member returns the stored message (created False) and
    stores, counts and broadcasts nothing.

    Everything that needs no lock is done first, outside any transaction of its own (the
    checks, the duplicate lookup, slow mode, the Markdown, the mentions, the flood counts):
    the store alone takes the room's lock (_store_with_next_seq)."""
    standing = read_standing(actor, group)
    permissions.check_send(standing)
    body, client_id = clean_body(body), clean_client_id(client_id)
    now = now or timezone.now()
    room = _room_with_stored_id(group=group, actor=actor, client_id=client_id)
    if room.stored_id is not None:
        return ChatMessage.objects.get(pk=room.stored_id), False
    if room.slow_mode_seconds:
        # Checked before the lock, like the rest: two messages sent by one member at the same
        # instant from two sockets may both pass it; the flood limit still counts both.
        last_sent_at = (ChatMessage.objects.filter(group=group, author=actor).order_by("-created_at")
                        .values_list("created_at", flat=True).first())
        permissions.check_slow_mode(standing, slow_mode_seconds=room.slow_mode_seconds, last_sent_at=last_sent_at,
                                    now=now)
    message = ChatMessage(group=group, author=actor, body=body, body_html=render_markdown(body),
                          client_id=client_id, created_at=now)
    mentioned = mentioned_member_ids(body, group, author=actor)
    flood_check(actor=actor, action="message", now=now)
    try:
        _store_with_next_seq(message, room=room)
    except IntegrityError:
        # The same message sent at the same instant from two of the member's sockets: the
        # second one's row breaks the unique client_id, and its store, seq included, is
        # undone; it answers with the first.
        stored = _stored_messages(group=group, actor=actor, client_id=client_id).first()
        if stored is None:
            raise
        return stored, False
    publish_on_commit(chat_channel_group(group.pk), {**message_frame(message), "type": "chat.message"})
    if mentioned:
        transaction.on_commit(lambda: mentions_notify(message_id=message.pk, member_ids=mentioned))
    return message, True


# The message's columns written with its seq, in this order.
_STORED_FIELDS = ("group", "author", "body", "body_html", "client_id", "created_at")


def _store_with_next_seq(message: ChatMessage, *, room: ChatRoom) -> None:
    """Take the room's next seq and store the message under it, all or nothing. Every sender of
    the group, in every process, waits on the room's row lock until the store ends, and under
    load its holder also waits for the interpreter, which the sockets' deliveries keep busy, at
    every step between two statements (bench/realtime.py, docs/performance.md). So the lock is
    held as briefly as each database allows:

    - PostgreSQL: one statement, which locks the row, takes the seq, inserts the message and,
      outside a transaction, commits, in one round trip (a savepoint inside the caller's
      transaction, so that a broken constraint leaves it usable);
    - SQLite, which has no UPDATE in a WITH: the seq taken in the statement that locks (the
      database, there), then the insert, in a transaction."""
    if connection.vendor != "postgresql":
        with transaction.atomic():
            message.seq = _next_seq(room)
            message.save(force_insert=True)
        return
    fields = [ChatMessage._meta.get_field(name) for name in _STORED_FIELDS]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    statement = (
        f"WITH room AS ({_take_seq_statement()}) "
        f"INSERT INTO {quote(ChatMessage._meta.db_table)} ({columns}, seq) "
        f"SELECT {', '.join(['%s'] * len(fields))}, room.last_seq FROM room RETURNING id, seq")
    values = [field.get_db_prep_save(getattr(message, field.attname), connection) for field in fields]
    with transaction.atomic() if connection.in_atomic_block else nullcontext():
        with connection.cursor() as cursor:
            cursor.execute(statement, [room.pk, *values])
            message.pk, message.seq = _returned(cursor)
    message._state.adding, message._state.db = False, connection.alias


def _take_seq_statement() -> str:
    """Lock the room's row (its id the one parameter) and return its next seq, in one statement."""
    return (f"UPDATE {connection.ops.quote_name(ChatRoom._meta.db_table)} SET last_seq = last_seq + 1 "
            f"WHERE id = %s RETURNING last_seq")


def _next_seq(room: ChatRoom) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_take_seq_statement(), [room.pk])
        (seq,) = _returned(cursor)
    return seq


def _returned(cursor) -> tuple:
    """The row the store returned. There is none when the room went, with its group, while the
    message was on its way: nothing was stored, and the group is not found."""
    row = cursor.fetchone()
    if row is None:
        raise NotFound()
    return row


def _stored_messages(*, group, actor, client_id):
    return ChatMessage.objects.filter(group=group, author=actor, client_id=client_id)


def _room_with_stored_id(*, group, actor, client_id) -> ChatRoom:
    """The group's room (created with its first message), and as `stored_id` the message this
    member already sent with this client_id, if any: one query for both, as every send asks."""
    room = (ChatRoom.objects.filter(group=group)
            .annotate(stored_id=Subquery(_stored_messages(group=group, actor=actor, client_id=client_id)
                                         .values("pk")[:1]))
            .first())
    if room is None:  # no room yet, so no message either
        room, _created = ChatRoom.objects.get_or_create(group=group)
        room.stored_id = None
    return room


def mentioned_member_ids(body: str, group, *, author) -> list[int]:
    """Members of the group named as @pseudonym (pseudonyms may hold spaces), but the author."""
    if "@" not in body:
        return []
    text = body.casefold()
    members = (User.objects.filter(memberships__group=group, is_active=True).exclude(pk=author.pk)
               .values_list("pk", "pseudonym"))
    return [
        member_id for member_id, pseudonym in members
        if re.search(r"(?<![\w@])@" + re.escape(pseudonym.casefold()) + r"(?!\w)", text)
    ]


def mentions_notify(*, message_id: int, member_ids: list[int]) -> None:
    """After commit: tell the members named, unless they muted or blocked the author, or the
    message was hidden in between."""
    message = ChatMessage.objects.filter(pk=message_id, hidden_at__isnull=True).first()
    if message is None:
        return
    silenced = (set(MemberMute.objects.filter(muted=message.author_id).values_list("user_id", flat=True))
                | set(MemberBlock.objects.filter(blocked=message.author_id).values_list("user_id", flat=True)))
    notification_send(kind=CHAT_MENTION, subject=message,
                      recipient_ids=[member_id for member_id in member_ids if member_id not in silenced])


@transaction.atomic
def message_hidden_set(message: ChatMessage, hidden: bool) -> None:
    """The chat's side of hiding (True) or restoring (False) a message: its reportable kind.
    moderation.services.content calls it once it has checked the moderator, and writes the log.
    Every open socket hears of it at once."""
    message.hidden_at = timezone.now() if hidden else None
    ChatMessage.objects.filter(pk=message.pk).update(hidden_at=message.hidden_at)
    if hidden:
        publish_on_commit(chat_channel_group(message.group_id),
                          {"type": "chat.hidden", "seq": message.seq, "author_id": message.author_id})
    else:
        publish_on_commit(chat_channel_group(message.group_id), {**message_frame(message), "type": "chat.restored"})
