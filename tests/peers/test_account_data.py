"""A requester's export has their words; a supporter's has only the pairings' theme and dates.
A deleted account takes its requests and its supporter profile."""

import pytest

from entraide import registry
from entraide.services.accounts import account_delete
from peers.models import Pairing, PairingOffer, PairingRequest, Supporter
from peers.services.pairings import offer_accept, offer_confirm, request_open
from tests.factories import UserFactory, theme

from .builders import make_supporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing():
    supporter = make_supporter(formats=("written", "video"))
    request = request_open(actor=UserFactory(), theme=theme("epilepsy"), language="fr", format="video",
                           words="Mes crises reviennent.")
    offer = PairingOffer.objects.get(request=request)
    offer_accept(actor=supporter.member, offer=offer)
    return offer_confirm(actor=request.requester, offer=offer)


def section(name, member):
    return registry.export_sections.get(name)(member)


def test_the_requesters_export_has_their_request_and_pairing(pairing):
    requester = pairing.request.requester
    [request] = section("peer_requests", requester)
    assert (request["words"], request["status"]) == ("Mes crises reviennent.", "paired")
    assert [p["as"] for p in section("peer_pairings", requester)] == ["requester"]
    assert section("peer_supporter", requester) is None


def test_the_supporters_export_has_their_profile_and_never_the_requesters_words(pairing):
    member = pairing.supporter.member
    assert section("peer_requests", member) == []
    [held] = section("peer_pairings", member)
    assert held["as"] == "supporter" and "words" not in held
    profile = section("peer_supporter", member)
    assert profile["formats"] == ["written", "video"] and profile["languages"] == ["fr"]
    assert len(profile["weekly_slots"]) == 7


def test_deleting_the_requesters_account_deletes_their_requests_and_pairings(pairing):
    requester = pairing.request.requester
    account_delete(actor=requester, member=requester)
    assert not PairingRequest.objects.exists() and not Pairing.objects.exists()
    assert Supporter.objects.exists()


def test_deleting_a_supporters_account_deletes_their_profile(pairing):
    member = pairing.supporter.member
    account_delete(actor=member, member=member)
    assert not Supporter.objects.exists()


def test_a_supporter_leaving_opens_the_request_again_for_the_next_supporter(pairing, django_capture_on_commit_callbacks):
    member = pairing.supporter.member
    request = pairing.request
    other = make_supporter(formats=("video",))
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(actor=member, member=member)
    request.refresh_from_db()
    assert request.status == "open" and not Pairing.objects.exists()
    assert PairingOffer.objects.get(request=request, status="pending").supporter == other


def test_the_feedback_a_member_left_is_in_their_export_and_not_the_others(pairing):
    from peers.services.feedback import pairing_feedback_give

    requester = pairing.request.requester
    pairing_feedback_give(actor=requester, pairing=pairing, body="Merci pour tout")
    assert section("peer_pairings", requester)[0]["my_feedback"] == "Merci pour tout"
    assert section("peer_pairings", pairing.supporter.member)[0]["my_feedback"] == ""


def test_the_proposals_and_objections_a_member_made_are_in_their_export():
    from peers.models import Programme
    from peers.services.decisions import guidelines_change_propose, programme_proposal_object

    first, second = make_supporter(), make_supporter()
    proposal = guidelines_change_propose(actor=first.member, programme=Programme.objects.get(language="fr"),
                                         guidelines_text="Nous écoutons sans conseiller.")
    programme_proposal_object(actor=second.member, proposal=proposal, reason="Ajoutons les limites.")
    assert section("peer_programme_decisions", first.member)["proposals"][0]["guidelines_text"] \
        == "Nous écoutons sans conseiller."
    assert section("peer_programme_decisions", second.member)["objections"][0]["reason"] == "Ajoutons les limites."
