"""Private conversations between two members who share a group.

Refusals are worded so that nobody learns they were blocked: a member who blocked the writer,
or whose account is too new, "ne reçoit pas de messages privés" from them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError, NotAllowed
from entraide.text import render_markdown
from moderation.limits import flood_check
from moderation.models import MemberMute
from moderation.selectors import has_blocked
from notifications.selectors import has_unread_about
from notifications.services import notification_send, notifications_mark_read_about

from . import permissions
from .models import MESSAGE_MAX_LENGTH, Conversation, PrivateMessage

NOTIFICATION_KIND = "private_message"


def conversation_check(*, actor, other, now=None) -> None:
    """Raise the reason `actor` may not write to `other` privately, if any."""
    now = now or timezone.now()
    if not (actor and actor.is_authenticated and actor.is_active):
        raise NotAllowed(_("Connectez-vous pour écrire un message privé."))
    if other is None or not other.is_active or other.is_deleted:
        raise NotAllowed(_("Ce membre n'existe pas ou a quitté la plateforme."))
    if other.pk == actor.pk:
        raise DomainError(_("Vous ne pouvez pas vous écrire à vous-même."))
    if not permissions.is_old_enough_for_private_messages(actor, now):
        raise NotAllowed(_("Les messages privés s'ouvrent un jour après la création de votre compte. "
                           "En attendant, vous pouvez écrire dans le forum de vos groupes."))
    if not permissions.share_a_group(actor, other):
        raise NotAllowed(_("Vous pouvez écrire en privé aux membres des groupes dont vous faites partie."))
    if has_blocked(actor, other):
        raise NotAllowed(_("Vous avez bloqué ce membre : débloquez-le pour lui écrire."))
    if not permissions.can_receive_private_messages_from(other, actor, now):
        raise NotAllowed(_("Cette personne ne reçoit pas de messages privés."))


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
    conversation_check(actor=actor, other=other, now=now)
    body = _clean_body(body)
    first, second = sorted([actor, other], key=lambda member: member.pk)
    conversation, _created = Conversation.objects.get_or_create(
        first_member=first, second_member=second, defaults={"created_at": now, "last_message_at": now}
    )
    return _write(actor=actor, conversation=conversation, body=body, now=now)


@transaction.atomic
def message_send(*, actor, conversation, body, now=None) -> PrivateMessage:
    now = now or timezone.now()
    if not permissions.can_view_conversation(actor, conversation):
        raise NotAllowed(_("Cette conversation n'est pas la vôtre."))
    other = conversation.second_member if actor.pk == conversation.first_member_id else conversation.first_member
    conversation_check(actor=actor, other=other, now=now)
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


@transaction.atomic(savepoint=False)
def conversation_mark_read(*, actor, conversation, now=None) -> None:
    """The member opened the conversation: the other's messages and their notifications are read."""
    if not permissions.can_view_conversation(actor, conversation):
        return
    now = now or timezone.now()
    PrivateMessage.objects.filter(conversation=conversation, read_at__isnull=True).exclude(sender=actor).update(read_at=now)
    notifications_mark_read_about(actor=actor, subjects=PrivateMessage.objects.filter(conversation=conversation),
                                  now=now)
