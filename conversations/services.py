"""Private conversations between two members who share a group. Who may write to whom, and in
which words a refusal is said, is conversations.permissions'."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError
from entraide.text import render_markdown
from moderation.limits import flood_check
from moderation.models import MemberMute
from notifications.selectors import has_unread_about
from notifications.services import notification_send, notifications_mark_read_about

from . import permissions
from .models import MESSAGE_MAX_LENGTH, Conversation, PrivateMessage

NOTIFICATION_KIND = "private_message"


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Votre message est vide : écrivez quelques mots avant d'envoyer."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise DomainError(
            _("Votre message compte %(length)s caractères ; la limite est de %(limit)s. "
              "Raccourcissez-le ou partagez-le en plusieurs messages.")
            % {"length": len(body), "limit": MESSAGE_MAX_LENGTH}
        )
    return body


def _write(*, actor, conversation, body, now) -> PrivateMessage:
    flood_check(actor=actor, action="message", now=now)
    message = PrivateMessage.objects.create(
        conversation=conversation, sender=actor, body=body, body_html=render_markdown(body), created_at=now
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    message.conversation = conversation
    transaction.on_commit(lambda: message_notify(message))
    return message


@transaction.atomic
def conversation_start(*, actor, other, body, now=None) -> PrivateMessage:
    """The first message to a member; an existing conversation between the two goes on."""
    now = now or timezone.now()
    permissions.check_write_privately(actor, other, now=now)
    body = _clean_body(body)
    first, second = sorted([actor, other], key=lambda member: member.pk)
    conversation, _created = Conversation.objects.get_or_create(
        first_member=first, second_member=second, defaults={"created_at": now, "last_message_at": now}
    )
    return _write(actor=actor, conversation=conversation, body=body, now=now)


@transaction.atomic
def message_send(*, actor, conversation, body, now=None) -> PrivateMessage:
    permissions.check_view_conversation(actor, conversation)
    now = now or timezone.now()
    other = conversation.second_member if actor.pk == conversation.first_member_id else conversation.first_member
    permissions.check_write_privately(actor, other, now=now)
    body = _clean_body(body)
    return _write(actor=actor, conversation=conversation, body=body, now=now)


@transaction.atomic
def message_notify(message, *, now=None) -> list:
    """After commit: tell the other member, unless they muted the sender or still have an
    unread notice for this conversation (one is enough)."""
    conversation = message.conversation
    recipient_id = conversation.other_member_id(message.sender)
    if MemberMute.objects.filter(user=recipient_id, muted=message.sender_id).exists():
        return []
    if has_unread_about(recipient_id, PrivateMessage.objects.filter(conversation=conversation)):
        return []
    return notification_send(kind=NOTIFICATION_KIND, subject=message, recipient_ids=[recipient_id], now=now)


def conversation_mark_read(*, actor, conversation, now=None) -> None:
    """The member opened the conversation: the other's messages and their notifications are read.
    Without a savepoint of its own (the page marks read on every view): asked first, it raises
    nothing once inside the transaction."""
    permissions.check_view_conversation(actor, conversation)
    now = now or timezone.now()
    with transaction.atomic(savepoint=False):
        PrivateMessage.objects.filter(conversation=conversation, read_at__isnull=True).exclude(sender=actor).update(
            read_at=now)
        notifications_mark_read_about(actor=actor, subjects=PrivateMessage.objects.filter(conversation=conversation),
                                      now=now)
