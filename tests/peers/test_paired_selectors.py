"""Whether two members are paired now: what lets them write privately without a group."""

import pytest

from peers.selectors.paired import are_paired
from peers.services.pairings import pairing_end
from tests.factories import UserFactory

from .builders import make_supporter
from .pairing_builders import make_pairing, open_request

pytestmark = pytest.mark.django_db


def test_the_two_people_of_an_active_pairing_are_paired_whichever_asks(django_assert_num_queries):
    pairing = make_pairing()
    requester, supporter = pairing.request.requester, pairing.supporter.member
    with django_assert_num_queries(1):
        assert are_paired(requester, supporter)
    assert are_paired(supporter, requester)


def test_an_ended_pairing_pairs_no_one():
    pairing = make_pairing()
    pairing_end(actor=pairing.request.requester, pairing=pairing)
    assert not are_paired(pairing.request.requester, pairing.supporter.member)


def test_an_offer_not_yet_confirmed_pairs_no_one():
    supporter = make_supporter()
    request = open_request()
    assert not are_paired(request.requester, supporter.member)


def test_someone_else_is_paired_with_neither():
    pairing = make_pairing()
    stranger = UserFactory()
    assert not are_paired(stranger, pairing.supporter.member)
    assert not are_paired(pairing.request.requester, stranger)
