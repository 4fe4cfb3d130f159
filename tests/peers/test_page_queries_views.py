"""The programme's pages take the same number of queries however many requests, offers and
pairings a member has."""

import pytest
from django.urls import reverse

from peers.models import PairingOffer, Supporter
from peers.services.supporters import supporter_pause
from tests.queries import SESSION_QUERIES

from .builders import make_supporter
from .pairing_builders import make_pairing, open_request

pytestmark = pytest.mark.django_db


def _member_with(count):
    supporter = make_supporter(max_pairings=5)
    pairings = [make_pairing(supporter=supporter) for _ in range(count)]
    requester = pairings[0].request.requester
    for index in range(count - 1):
        make_pairing(requester, make_supporter(max_pairings=5))
    return requester, supporter


@pytest.mark.parametrize("count", [1, 3])
def test_the_programme_page_takes_the_same_queries_whatever_the_member_holds(count, client, django_assert_num_queries):
    requester, _supporter = _member_with(count)
    client.force_login(requester)
    # Session, member, crisis lines (their countries, then the lines), requests, pairings, whether a
    # supporter, whether a coordinator, new groups where they hold a role, the header's count.
    with django_assert_num_queries(SESSION_QUERIES + 9):
        assert client.get(reverse("peer_home")).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_supporter_space_takes_the_same_queries_whatever_they_hold(count, client, django_assert_num_queries):
    _requester, supporter = _member_with(count)
    # The others pause, so that every new request is offered to this supporter.
    for other in Supporter.objects.exclude(pk=supporter.pk):
        supporter_pause(actor=other.member)
    for index in range(count):
        open_request(words=f"demande {index}")
    assert PairingOffer.objects.filter(supporter=supporter, status="pending").count() == count
    client.force_login(supporter.member)
    # Session, member, the supporter with themes, languages and slots, offers, pairings, an open
    # confirmation, whether a coordinator, the header's count.
    with django_assert_num_queries(SESSION_QUERIES + 10):
        assert client.get(reverse("peer_supporter")).status_code == 200


def test_the_request_offer_and_pairing_pages_have_fixed_queries(client, django_assert_num_queries):
    pairing = make_pairing()
    client.force_login(pairing.request.requester)
    # Session, member, the request, its pairing, crisis lines only once passed, the header's count.
    with django_assert_num_queries(SESSION_QUERIES + 4):
        assert client.get(reverse("peer_request", args=[pairing.request.pk])).status_code == 200
    client.get(reverse("peer_pairing", args=[pairing.pk]))  # the content types, read once per process
    # Session, member, the pairing with both people, its calls, whether the member has a report
    # about it waiting, the header's count.
    with django_assert_num_queries(SESSION_QUERIES + 5):
        assert client.get(reverse("peer_pairing", args=[pairing.pk])).status_code == 200
    offer_url = reverse("peer_offer", args=[pairing.request.offers.get().pk])
    client.force_login(pairing.supporter.member)
    # Session, member, the offer with its request, the header's count.
    with django_assert_num_queries(SESSION_QUERIES + 3):
        assert client.get(offer_url).status_code == 200
