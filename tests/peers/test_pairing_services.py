import pytest

from entraide.errors import Conflict, DomainError, NotFound
from peers.models import WORDS_MAX_LENGTH, OfferStatus, Pairing, PairingOffer, PairingRequest, RequestStatus
from peers.services.pairings import (
    offer_accept,
    offer_confirm,
    offer_decline,
    pairing_end,
    request_open,
    request_withdraw,
)
from tests.factories import UserFactory, theme

from .builders import make_supporter

pytestmark = pytest.mark.django_db


def ask(requester=None, words="Je viens d'apprendre le diagnostic."):
    return request_open(actor=requester or UserFactory(), theme=theme("epilepsy"), language="fr",
                        format="written", words=words)


def test_a_pairing_begins_once_the_supporter_accepts_and_the_requester_confirms():
    supporter = make_supporter()
    request = ask()
    offer = PairingOffer.objects.get(request=request)
    offer_accept(actor=supporter.member, offer=offer)
    pairing = offer_confirm(actor=request.requester, offer=offer)
    request.refresh_from_db()
    assert request.status == RequestStatus.PAIRED
    assert (pairing.request, pairing.supporter) == (request, supporter)


def test_overlong_words_are_refused_with_a_message_and_nothing_is_stored():
    with pytest.raises(DomainError, match="caractères au plus"):
        ask(words="x" * (WORDS_MAX_LENGTH + 1))
    assert not PairingRequest.objects.exists()


def test_an_unknown_language_or_format_is_refused_with_a_message():
    with pytest.raises(DomainError, match="langue"):
        request_open(actor=UserFactory(), theme=theme("epilepsy"), language="xx", format="written")
    with pytest.raises(DomainError, match="manière"):
        request_open(actor=UserFactory(), theme=theme("epilepsy"), language="fr", format="pigeon")


def test_accepting_twice_is_a_conflict_with_a_message():
    supporter = make_supporter()
    offer = PairingOffer.objects.get(request=ask())
    offer_accept(actor=supporter.member, offer=offer)
    with pytest.raises(Conflict, match="déjà répondu"):
        offer_accept(actor=supporter.member, offer=offer)


def test_accepting_or_declining_a_withdrawn_request_is_a_conflict_that_says_so():
    supporter = make_supporter()
    request = ask()
    offer = PairingOffer.objects.get(request=request)
    request_withdraw(actor=request.requester, request=request)
    assert PairingOffer.objects.get(pk=offer.pk).status == OfferStatus.CLOSED
    for answer in (offer_accept, offer_decline):
        with pytest.raises(Conflict, match="retirée"):
            answer(actor=supporter.member, offer=offer)


def test_withdrawing_twice_is_a_conflict():
    request = ask()
    request_withdraw(actor=request.requester, request=request)
    with pytest.raises(Conflict):
        request_withdraw(actor=request.requester, request=request)


def test_an_offer_to_someone_else_does_not_exist_for_another_supporter_or_the_requester():
    make_supporter()
    other = make_supporter()
    request = ask()
    offer = PairingOffer.objects.get(request=request)
    for stranger in (other.member, request.requester, UserFactory(is_staff=True)):
        with pytest.raises(NotFound):
            offer_accept(actor=stranger, offer=offer)


def test_only_the_requester_confirms_and_only_after_the_supporter_accepted():
    supporter = make_supporter()
    request = ask()
    offer = PairingOffer.objects.get(request=request)
    with pytest.raises(Conflict):
        offer_confirm(actor=request.requester, offer=offer)
    offer_accept(actor=supporter.member, offer=offer)
    with pytest.raises(NotFound):
        offer_confirm(actor=supporter.member, offer=offer)
    with pytest.raises(NotFound):
        request_withdraw(actor=UserFactory(), request=request)
    assert not Pairing.objects.exists()


@pytest.mark.parametrize("side", ["requester", "supporter"])
def test_either_side_ends_the_pairing_once_with_no_reason(side):
    supporter = make_supporter()
    request = ask()
    offer = PairingOffer.objects.get(request=request)
    offer_accept(actor=supporter.member, offer=offer)
    pairing = offer_confirm(actor=request.requester, offer=offer)
    actor = request.requester if side == "requester" else supporter.member
    with pytest.raises(NotFound):
        pairing_end(actor=UserFactory(), pairing=pairing)
    ended = pairing_end(actor=actor, pairing=pairing)
    assert ended.ended_at and ended.ended_by == actor
    with pytest.raises(Conflict, match="déjà terminé"):
        pairing_end(actor=actor, pairing=pairing)
