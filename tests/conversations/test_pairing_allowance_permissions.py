"""Two people paired in peer support write to each other privately, though they share no group
and even if their accounts are new; the pairing ended, or a block, and they cannot."""

import pytest

from conversations.models import PrivateMessage
from conversations.permissions import can_write_privately, check_write_privately
from conversations.services import conversation_start
from entraide import registry
from entraide.errors import NotAllowed
from moderation.services.safety import member_block
from peers.services.pairings import pairing_end
from tests.notifications.builders import group_of, seasoned
from tests.peers.builders import make_supporter
from tests.peers.pairing_builders import make_pairing

pytestmark = pytest.mark.django_db


def two_of(pairing):
    return pairing.request.requester, pairing.supporter.member


def test_the_programme_registers_pairing_as_an_allowance():
    assert "pairing" in registry.private_conversation_allowances


def test_paired_people_who_share_no_group_write_to_each_other_both_ways():
    requester, supporter = two_of(make_pairing(seasoned(), make_supporter(seasoned())))
    conversation_start(actor=requester, other=supporter, body="Bonjour, merci d'avoir accepté.")
    conversation_start(actor=supporter, other=requester, body="Avec plaisir.")
    assert PrivateMessage.objects.filter(conversation__first_member__in=[requester, supporter]).count() == 2


def test_the_days_wait_of_new_accounts_is_waived_for_a_pair_who_both_agreed():
    requester, supporter = two_of(make_pairing())  # both accounts created just now
    assert can_write_privately(requester, supporter)
    assert can_write_privately(supporter, requester)


def test_a_new_account_still_waits_a_day_to_write_to_someone_it_is_not_paired_with():
    requester, _supporter = two_of(make_pairing())
    elsewhere = seasoned()
    group_of(elsewhere, requester)
    with pytest.raises(NotAllowed, match="un jour après la création de votre compte"):
        check_write_privately(requester, elsewhere)


def test_once_the_pairing_has_ended_the_two_cannot_write_any_more():
    pairing = make_pairing(seasoned(), make_supporter(seasoned()))
    requester, supporter = two_of(pairing)
    pairing_end(actor=supporter, pairing=pairing)
    for writer, reader in ((requester, supporter), (supporter, requester)):
        with pytest.raises(NotAllowed, match="membres des groupes dont vous faites partie"):
            check_write_privately(writer, reader)


def test_a_pairing_with_someone_else_allows_nothing_between_strangers():
    requester, _supporter = two_of(make_pairing(seasoned(), make_supporter(seasoned())))
    stranger = seasoned()
    with pytest.raises(NotAllowed, match="membres des groupes dont vous faites partie"):
        check_write_privately(requester, stranger)


def test_a_block_still_refuses_a_paired_pair_without_saying_so_to_the_blocked():
    requester, supporter = two_of(make_pairing(seasoned(), make_supporter(seasoned())))
    group_of(requester, supporter)  # where one can block the other
    member_block(actor=requester, member=supporter)
    with pytest.raises(NotAllowed, match="Vous avez bloqué ce membre"):
        check_write_privately(requester, supporter)
    with pytest.raises(NotAllowed, match="ne reçoit pas de messages privés"):
        check_write_privately(supporter, requester)


def test_a_pair_sharing_a_group_is_not_asked_about_pairings(django_assert_num_queries):
    anna, bruno = seasoned(), seasoned()
    group_of(anna, bruno)
    # A group in common, two blocks looked for: as before the allowances existed.
    with django_assert_num_queries(3):
        check_write_privately(anna, bruno)


def test_a_paired_pair_without_a_group_costs_one_query_more(django_assert_num_queries):
    requester, supporter = two_of(make_pairing(seasoned(), make_supporter(seasoned())))
    with django_assert_num_queries(4):
        check_write_privately(requester, supporter)
