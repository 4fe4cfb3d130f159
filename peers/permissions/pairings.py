"""Who may act on a request, an offer or a pairing. A request exists, for anyone but its two
people, only as a 404: its existence is health data."""

from django.utils.translation import gettext as _

from entraide.errors import Conflict, NotFound

from ..models import OfferStatus, RequestStatus
from ..selectors.coordination import coordinates_request


def check_requester(actor, request) -> None:
    if request.requester_id != actor.pk:
        raise NotFound()


def check_offered(actor, offer) -> None:
    if offer.supporter.member_id != actor.pk:
        raise NotFound()


def check_answer_offer(actor, offer) -> None:
    check_offered(actor, offer)
    if offer.request.status == RequestStatus.WITHDRAWN:
        raise Conflict(_("Cette demande a été retirée par la personne qui l'avait faite."))
    if offer.status != OfferStatus.PENDING or offer.request.status != RequestStatus.OPEN:
        raise Conflict(_("Vous avez déjà répondu à cette demande."))


def check_confirm_offer(actor, offer) -> None:
    check_requester(actor, offer.request)
    if offer.status != OfferStatus.ACCEPTED or offer.request.status != RequestStatus.OPEN:
        raise Conflict(_("Ce jumelage n'attend plus votre confirmation."))


def check_withdraw_request(actor, request) -> None:
    check_requester(actor, request)
    if request.status not in (RequestStatus.OPEN, RequestStatus.PASSED):
        raise Conflict(_("Cette demande n'est plus ouverte."))


def check_end_pairing(actor, pairing) -> None:
    if actor.pk not in (pairing.request.requester_id, pairing.supporter.member_id):
        raise NotFound()
    if pairing.ended_at:
        raise Conflict(_("Ce jumelage est déjà terminé."))


def can_end_pairing(actor, pairing) -> bool:
    try:
        check_end_pairing(actor, pairing)
    except (NotFound, Conflict):
        return False
    return True


def check_offer_again(actor, request) -> None:
    """The coordinators of the request's programme, once it was passed to them; to anyone else
    the request does not exist."""
    if not coordinates_request(actor, request):
        raise NotFound()
