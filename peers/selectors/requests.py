"""What a member reads of their own requests, offers and pairings. Anything not theirs is not
found, whether it exists or not: a request's existence is health data."""

from django.db.models import Q

from entraide.errors import NotFound

from ..models import OfferStatus, Pairing, PairingOffer, PairingRequest, RequestStatus, Supporter
from ..permissions import check_in_pairing, check_offered, check_requester


def _one(queryset, pk):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def request_for(actor, pk) -> PairingRequest:
    request = _one(PairingRequest.objects.select_related("theme"), pk)
    check_requester(actor, request)
    return request


def offer_for(actor, pk) -> PairingOffer:
    offer = _one(PairingOffer.objects.select_related("request__theme", "supporter"), pk)
    check_offered(actor, offer)
    return offer


def pairing_for(actor, pk) -> Pairing:
    pairing = _one(Pairing.objects.select_related("request__theme", "request__requester", "supporter__member"), pk)
    check_in_pairing(actor, pairing)
    return pairing


def accepted_offer(request) -> PairingOffer | None:
    """The offer a supporter accepted and the requester has still to confirm."""
    if request.status != RequestStatus.OPEN:
        return None
    return request.offers.filter(status=OfferStatus.ACCEPTED).first()


def requests_of(member) -> list[PairingRequest]:
    """The member's requests, newest first, each with its pairing if it has one."""
    return list(PairingRequest.objects.filter(requester=member).select_related("theme", "pairing"))


def supporter_of(member) -> Supporter | None:
    if not member.is_authenticated:
        return None
    return (Supporter.objects.filter(member=member).prefetch_related("themes", "languages", "slots").first())


def is_supporter(member) -> bool:
    return Supporter.objects.filter(member=member).exists()


def offers_waiting(supporter) -> list[PairingOffer]:
    """Requests offered to the supporter and waiting for their answer, oldest first."""
    return list(supporter.offers.filter(status=OfferStatus.PENDING).select_related("request__theme"))


def pairings_of(member) -> list[Pairing]:
    """Every pairing the member is in, on either side, current ones first."""
    return sorted(
        Pairing.objects.filter(Q(request__requester=member) | Q(supporter__member=member))
        .select_related("request__theme", "request__requester", "supporter__member"),
        key=lambda pairing: (pairing.ended_at is not None, -pairing.started_at.timestamp()),
    )


def other_side(pairing, member):
    """The other person of the pairing, as `member` sees them once both accepted."""
    if pairing.request.requester_id == member.pk:
        return pairing.supporter.member
    return pairing.request.requester
