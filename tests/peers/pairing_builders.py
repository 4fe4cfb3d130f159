"""Pairings built through the services, from a request to both people having accepted."""

from peers.models import PairingOffer
from peers.services.pairings import offer_accept, offer_confirm, request_open
from tests.factories import UserFactory, theme

from .builders import make_supporter


def open_request(requester=None, *, language="fr", words="Je viens d'apprendre le diagnostic."):
    return request_open(actor=requester or UserFactory(), theme=theme("epilepsy"), language=language,
                        format="written", words=words)


def make_pairing(requester=None, supporter=None):
    """A new requester and supporter (unless given), paired: the supporter accepted, the
    requester confirmed."""
    supporter = supporter or make_supporter()
    request = open_request(requester)
    offer = PairingOffer.objects.get(request=request)
    offer_accept(actor=offer.supporter.member, offer=offer)
    return offer_confirm(actor=request.requester, offer=offer)
