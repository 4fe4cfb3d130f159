"""Conversations on the listening line: a caller knocks and waits in the queue of their
language (first come, first answered); a supporter on duty presses "take the next caller";
either ends it; the supporter may pass it to a coordinator of the language's programme.

Messages take the conversation's next seq with its row locked, as the chat's do, so that seqs
are unique and without gaps; the same client_id sent again stores nothing new. Everything
reaches the sockets through entraide.realtime, after commit."""

import re

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotFound
from entraide.realtime import publish_on_commit
from moderation.limits import flood_check
from moderation.services.reports import report_create

from .. import notifying
from ..models import CoordinatorTerm, LineConversation, LineConversationTally, LineMessage, LineStatus
from ..models.line import LINE_BODY_MAX_LENGTH, LINE_KEPT_FOR, LINE_REPORT_KEPT_FOR
from ..permissions.line import (
    check_answer,
    check_end,
    check_knock,
    check_pass,
    check_report,
    check_write,
    role_in,
)
from ..selectors.line import line_channel_group, message_event, next_caller, queued_positions

_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class LineMessageRefused(DomainError):
    """What was sent cannot be stored as it is; `code` is the socket's error code."""

    def __init__(self, message, *, code: str):
        super().__init__(message)
        self.code = code


def _locked(conversation) -> LineConversation:
    return LineConversation.objects.select_for_update().get(pk=conversation.pk)


def _publish(conversation, event: dict) -> None:
    publish_on_commit(line_channel_group(conversation.pk), event)


def _queue_changed(language) -> None:
    """After commit, each waiting caller of the language hears their new place."""
    def tell() -> None:
        for conversation_id, position in queued_positions(language=language):
            publish_on_commit(line_channel_group(conversation_id), {"type": "line.queue", "position": position})

    transaction.on_commit(tell)


@transaction.atomic
def line_knock(*, actor, language, now=None) -> LineConversation:
    check_knock(actor, language=language)
    try:
        with transaction.atomic():
            conversation = LineConversation.objects.create(caller=actor, language=language,
                                                           knocked_at=now or timezone.now())
    except IntegrityError:
        # Knocked twice at once, from two tabs: the constraint keeps one.
        raise Conflict(_("Vous êtes déjà en lien avec la ligne d'écoute : revenez à votre conversation.")) from None
    _queue_changed(language)
    return conversation


@transaction.atomic
def line_answer(*, actor, now=None) -> LineConversation | None:
    """The supporter on duty takes the caller who has waited longest in their slot's language;
    None when no one waits."""
    now = now or timezone.now()
    slot = check_answer(actor, now=now)
    conversation = next_caller(supporter=actor, language=slot.language)
    if conversation is None:
        return None
    conversation.supporter, conversation.status, conversation.answered_at = actor, LineStatus.OPEN, now
    try:
        with transaction.atomic():
            conversation.save(update_fields=["supporter", "status", "answered_at"])
    except IntegrityError:
        raise Conflict(_("Terminez ou confiez votre conversation en cours avant de prendre l'appel suivant.")) from None
    _publish(conversation, {"type": "line.answered", "pseudonym": actor.display_name})
    _queue_changed(conversation.language)
    return conversation


def current_coordinators(language, *, now=None, excluding=()):
    terms = (CoordinatorTerm.objects.current(now).filter(programme__language=language)
             .exclude(member__in=[pk for pk in excluding if pk]).filter(member__is_active=True)
             .select_related("member").order_by("starts_at", "pk"))
    return [term.member for term in terms]


@transaction.atomic
def line_pass(*, actor, conversation, coordinator=None, now=None) -> LineConversation:
    """To `coordinator` if given and current, else to the longest-serving current coordinator
    of the language's programme. The supporter stays in the conversation but is free to take
    the next caller."""
    now = now or timezone.now()
    conversation = _locked(conversation)
    check_pass(actor, conversation)
    coordinators = current_coordinators(conversation.language, now=now,
                                        excluding=(actor.pk, conversation.caller_id))
    if coordinator is not None:
        coordinators = [member for member in coordinators if member.pk == coordinator.pk]
    if not coordinators:
        raise Conflict(_("Aucune personne de la coordination n'est joignable pour cette langue en ce moment : "
                         "restez avec la personne et proposez-lui les lignes de crise."))
    conversation.status, conversation.passed_to, conversation.passed_at = LineStatus.PASSED, coordinators[0], now
    conversation.save(update_fields=["status", "passed_to", "passed_at"])
    _publish(conversation, {"type": "line.passed", "pseudonym": coordinators[0].display_name,
                            "coordinator_id": coordinators[0].pk})
    transaction.on_commit(lambda: notifying.line_passed(conversation))
    return conversation


def finish(conversation, *, now) -> None:
    """Ends a conversation already locked by the service at hand; its sockets hear of it after commit."""
    was_queued = conversation.status == LineStatus.QUEUED
    conversation.status, conversation.ended_at = LineStatus.ENDED, now
    conversation.save(update_fields=["status", "ended_at"])
    _publish(conversation, {"type": "line.ended"})
    if was_queued:
        _queue_changed(conversation.language)


@transaction.atomic
def line_end(*, actor, conversation, now=None) -> LineConversation:
    """By any of its people, at any time, a caller still waiting included. A guest's account
    closes with its conversation, and what it held is erased unless it was reported."""
    now = now or timezone.now()
    conversation = _locked(conversation)
    check_end(actor, conversation)
    finish(conversation, now=now)
    from .guests import guest_close, is_guest

    if conversation.caller_id and is_guest(conversation.caller_id):
        guest_close(conversation.caller, now=now)
    return conversation


@transaction.atomic
def line_report(*, actor, conversation, category, note="", now=None) -> LineConversation:
    """The caller or the supporter reports it to the programme's coordinators, through
    moderation (peers.reporting): it is kept for them to look into, past the 30 days."""
    now = now or timezone.now()
    conversation = _locked(conversation)
    check_report(actor, conversation)
    report_create(actor=actor, target=conversation, category=category, note=note, now=now)
    conversation.reported, conversation.kept_until = True, now + LINE_REPORT_KEPT_FOR
    conversation.save(update_fields=["reported", "kept_until"])
    return conversation


def clean_body(body) -> str:
    body = (body or "").strip()
    if not body:
        raise LineMessageRefused(_("Votre message est vide : écrivez quelques mots avant d'envoyer."), code="empty")
    if len(body) > LINE_BODY_MAX_LENGTH:
        raise LineMessageRefused(
            _("Votre message compte %(length)s caractères ; la limite est de %(limit)s. "
              "Raccourcissez-le ou partagez-le en plusieurs messages.")
            % {"length": len(body), "limit": LINE_BODY_MAX_LENGTH}, code="too_long")
    return body


def clean_client_id(client_id) -> str:
    if not isinstance(client_id, str) or not _CLIENT_ID.fullmatch(client_id):
        raise LineMessageRefused(_("L'identifiant du message compte de 1 à 64 lettres, chiffres, « - » ou « _ »."),
                                 code="bad_field")
    return client_id


@transaction.atomic
def line_message_send(*, actor, conversation, body, client_id, now=None) -> tuple[LineMessage, bool]:
    """Store a message under the conversation's next seq; (message, created). The same
    client_id again returns the stored message and stores, counts and sends nothing."""
    body, client_id = clean_body(body), clean_client_id(client_id)
    conversation = _locked(conversation)
    if role_in(actor, conversation) is None:
        raise NotFound()
    stored = (LineMessage.objects.filter(conversation=conversation, author=actor, client_id=client_id)
              .select_related("author").first())
    if stored is not None:
        return stored, False
    check_write(actor, conversation)
    now = now or timezone.now()
    flood_check(actor=actor, action="message", now=now)
    conversation.last_seq += 1
    LineConversation.objects.filter(pk=conversation.pk).update(last_seq=conversation.last_seq)
    message = LineMessage.objects.create(conversation=conversation, seq=conversation.last_seq, author=actor,
                                         body=body, client_id=client_id, created_at=now)
    _publish(conversation, {**message_event(message), "type": "line.message"})
    return message, True


def lines_erase_expired(*, now=None) -> int:
    """Conversations over 30 days old (from their end, or from the knock of one never ended)
    are erased with their messages, unless reported and still kept. Returns how many."""
    now = now or timezone.now()
    cutoff = now - LINE_KEPT_FOR
    old = Q(ended_at__lte=cutoff) | Q(ended_at__isnull=True, knocked_at__lte=cutoff)
    kept = Q(reported=True, kept_until__gt=now)
    with transaction.atomic():
        erased = LineConversation.objects.filter(old).exclude(kept)
        _tally_erased(erased.filter(answered_at__isnull=False).values_list("knocked_at", flat=True))
        _total, by_model = erased.delete()
    return by_model.get(LineConversation._meta.label, 0)


def _tally_erased(knocks) -> None:
    """Count what is erased by the month of its knock (peers.figures): a number, nothing else."""
    by_month: dict = {}
    for knocked_at in knocks:
        month = timezone.localtime(knocked_at).date().replace(day=1)
        by_month[month] = by_month.get(month, 0) + 1
    for month, count in by_month.items():
        tally, _created = LineConversationTally.objects.select_for_update().get_or_create(month=month)
        LineConversationTally.objects.filter(pk=tally.pk).update(erased=F("erased") + count)
