"""Pairing: a request goes to one supporter at a time until one accepts and the requester confirms."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError

from .. import notifying
from ..models import (
    REQUEST_TIMEOUT,
    WORDS_MAX_LENGTH,
    Format,
    OfferStatus,
    Pairing,
    PairingOffer,
    PairingRequest,
    RequestStatus,
)
from ..permissions import (
    check_answer_offer,
    check_confirm_offer,
    check_end_pairing,
    check_offer_again,
    check_withdraw_request,
)
from ..selectors.matching import first_match

LIVE_OFFERS = (OfferStatus.PENDING, OfferStatus.ACCEPTED)


def check_open_request(*, actor, theme, language, format, words) -> None:
    if not actor.is_authenticated:
        raise DomainError(_("Connectez-vous pour demander un jumelage."), status=403)
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choisissez une langue proposée."))
    if format not in Format.values:
        raise DomainError(_("Choisissez une manière d'échanger proposée."))
    if len(words) > WORDS_MAX_LENGTH:
        raise DomainError(_("Quelques mots suffisent : %(max)s caractères au plus.") % {"max": WORDS_MAX_LENGTH})


def _offer_next(request, now) -> PairingOffer | None:
    supporter = first_match(request)
    if supporter is None:
        return None
    offer = PairingOffer.objects.create(request=request, supporter=supporter, created_at=now)
    transaction.on_commit(lambda: notifying.offer_made(offer))
    return offer


@transaction.atomic
def request_open(*, actor, theme, language, format, words="", preferred_at=None, now=None) -> PairingRequest:
    """The request is kept even when no one fits yet: it then waits, and passes to the
    coordinators after REQUEST_TIMEOUT."""
    words = words.strip()
    check_open_request(actor=actor, theme=theme, language=language, format=format, words=words)
    now = now or timezone.now()
    request = PairingRequest.objects.create(requester=actor, theme=theme, language=language, format=format,
                                            words=words, preferred_at=preferred_at, created_at=now)
    _offer_next(request, now)
    return request


@transaction.atomic
def offer_accept(*, actor, offer, now=None) -> PairingOffer:
    offer = PairingOffer.objects.select_for_update().select_related("request", "supporter").get(pk=offer.pk)
    check_answer_offer(actor, offer)
    offer.status, offer.answered_at = OfferStatus.ACCEPTED, now or timezone.now()
    offer.save(update_fields=["status", "answered_at"])
    transaction.on_commit(lambda: notifying.offer_accepted(offer))
    return offer


@transaction.atomic
def offer_decline(*, actor, offer, now=None) -> PairingOffer | None:
    """Declining passes the request on; the next offer, if anyone fits, is returned."""
    offer = PairingOffer.objects.select_for_update().select_related("request", "supporter").get(pk=offer.pk)
    check_answer_offer(actor, offer)
    now = now or timezone.now()
    offer.status, offer.answered_at = OfferStatus.DECLINED, now
    offer.save(update_fields=["status", "answered_at"])
    transaction.on_commit(lambda: notifying.offers_settled(PairingOffer.objects.filter(pk=offer.pk)))
    return _offer_next(offer.request, now)


@transaction.atomic
def offer_confirm(*, actor, offer, now=None) -> Pairing:
    """The requester confirms the supporter who accepted: both have accepted, the pairing begins."""
    offer = PairingOffer.objects.select_for_update().select_related("request", "supporter").get(pk=offer.pk)
    check_confirm_offer(actor, offer)
    now = now or timezone.now()
    offer.status = OfferStatus.CONFIRMED
    offer.save(update_fields=["status"])
    request = offer.request
    request.status = RequestStatus.PAIRED
    request.save(update_fields=["status"])
    pairing = Pairing.objects.create(request=request, supporter=offer.supporter, started_at=now)
    transaction.on_commit(lambda: notifying.pairing_started(pairing))
    return pairing


@transaction.atomic
def request_withdraw(*, actor, request) -> PairingRequest:
    request = PairingRequest.objects.select_for_update().get(pk=request.pk)
    check_withdraw_request(actor, request)
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    request.offers.filter(status__in=LIVE_OFFERS).update(status=OfferStatus.CLOSED)
    transaction.on_commit(lambda: notifying.request_withdrawn(request))
    return request


@transaction.atomic
def pairing_end(*, actor, pairing, now=None) -> Pairing:
    """Either side, at any time, with no reason asked."""
    pairing = Pairing.objects.select_for_update().select_related("request", "supporter").get(pk=pairing.pk)
    check_end_pairing(actor, pairing)
    pairing.ended_at, pairing.ended_by = now or timezone.now(), actor
    pairing.save(update_fields=["ended_at", "ended_by"])
    transaction.on_commit(lambda: notifying.pairing_ended(pairing))
    return pairing


def requests_pass_due(*, now=None) -> list[PairingRequest]:
    """Requests no one accepted within REQUEST_TIMEOUT go to the coordinators; an offer still
    waiting for an answer is closed, as the coordinators now look for someone."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            PairingRequest.objects.select_for_update()
            .filter(status=RequestStatus.OPEN, created_at__lte=now - REQUEST_TIMEOUT)
            .exclude(offers__status=OfferStatus.ACCEPTED)
        )
        PairingRequest.objects.filter(pk__in=[request.pk for request in due]).update(
            status=RequestStatus.PASSED, passed_at=now)
        PairingOffer.objects.filter(request__in=due, status=OfferStatus.PENDING).update(
            status=OfferStatus.CLOSED, answered_at=now)
        transaction.on_commit(lambda: notifying.requests_passed_on([request.pk for request in due], now))
    for request in due:
        request.status, request.passed_at = RequestStatus.PASSED, now
    return due


def requests_reopen_after_supporter_left(*, supporter_member, now=None) -> list[PairingRequest]:
    """Called as a supporter's account is deleted, before their pairings go with it: each request
    they were paired on opens again, its clock restarted, and is offered to the next supporter,
    so that the requester is not left with a pairing that no longer exists."""
    now = now or timezone.now()
    held = list(PairingRequest.objects.select_for_update()
                .filter(pairing__supporter__member=supporter_member, pairing__ended_at__isnull=True))
    Pairing.objects.filter(request__in=held).delete()
    PairingRequest.objects.filter(pk__in=[request.pk for request in held]).update(
        status=RequestStatus.OPEN, created_at=now)
    for request in held:
        request.status, request.created_at = RequestStatus.OPEN, now
    return held


def requests_offer_again(requests, *, now=None) -> None:
    """Offer each reopened request to the next supporter who fits (the one who left no longer does)."""
    now = now or timezone.now()
    for request in requests:
        _offer_next(request, now)


@transaction.atomic
def request_offer_again(*, actor, request, now=None) -> PairingOffer | None:
    """A coordinator sends a request that was passed to them back to matching, its clock
    restarted: someone may fit now who did not then. It stays with them if still no one fits."""
    request = PairingRequest.objects.select_for_update().get(pk=request.pk)
    check_offer_again(actor, request)
    now = now or timezone.now()
    offer = _offer_next(request, now)
    if offer is not None:
        request.status, request.created_at, request.passed_at = RequestStatus.OPEN, now, None
        request.save(update_fields=["status", "created_at", "passed_at"])
    return offer
