from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotAllowed
from moderation.models import CONSENT_WINDOW, REASON_MAX_LENGTH
from peers.models import ProgrammeProposal, ProgrammeProposalKind, ProgrammeProposalStatus, Supporter
from peers.readings import READING_CODES
from peers.services.coordinators import coordinator_term_grant
from peers.services.decisions import (
    guidelines_change_propose,
    programme_proposal_object,
    programme_proposal_withdraw,
    programme_proposals_settle_due,
    supporter_confirmation_propose,
)
from peers.services.path import checkin_record, reading_mark_done
from tests.factories import UserFactory

from .builders import make_coordinator, make_supporter, programme

pytestmark = pytest.mark.django_db

AFTER_THE_WINDOW = CONSENT_WINDOW + timedelta(minutes=1)


def checked_in(coordinator, **changes):
    supporter = make_supporter(confirmed=False, **changes)
    for code in READING_CODES:
        reading_mark_done(actor=supporter.member, code=code)
    return checkin_record(actor=coordinator, supporter=supporter)


def settle_after_the_window(proposal):
    programme_proposals_settle_due(now=proposal.decides_at + timedelta(minutes=1))
    proposal.refresh_from_db()
    return proposal


# --- Confirming a supporter ---------------------------------------------------------------------

def test_a_confirmation_no_one_objects_to_confirms_the_supporter_when_the_window_closes():
    coordinator = make_coordinator("fr")
    supporter = checked_in(coordinator)
    proposal = supporter_confirmation_propose(actor=coordinator, supporter=supporter)
    assert (proposal.programme.language, proposal.kind) == ("fr", ProgrammeProposalKind.CONFIRM_SUPPORTER)
    assert proposal.decides_at == proposal.created_at + CONSENT_WINDOW
    assert programme_proposals_settle_due(now=proposal.created_at + timedelta(hours=47)) == 0
    proposal = settle_after_the_window(proposal)
    supporter.refresh_from_db()
    assert proposal.status == ProgrammeProposalStatus.ADOPTED
    assert (supporter.confirmed_at, supporter.confirmed_by) == (proposal.settled_at, coordinator)


def test_settling_twice_adopts_once():
    coordinator = make_coordinator("fr")
    proposal = supporter_confirmation_propose(actor=coordinator, supporter=checked_in(coordinator))
    later = proposal.decides_at + timedelta(minutes=1)
    assert (programme_proposals_settle_due(now=later), programme_proposals_settle_due(now=later)) == (1, 0)


def test_confirmation_is_proposed_only_after_the_check_in_and_once_at_a_time():
    coordinator = make_coordinator("fr")
    waiting = make_supporter(confirmed=False)
    with pytest.raises(Conflict, match="après l'entretien"):
        supporter_confirmation_propose(actor=coordinator, supporter=waiting)
    supporter = checked_in(coordinator)
    supporter_confirmation_propose(actor=coordinator, supporter=supporter)
    with pytest.raises(Conflict, match="déjà en consultation"):
        supporter_confirmation_propose(actor=make_coordinator("fr"), supporter=supporter)


def test_a_confirmed_supporter_is_not_proposed_again():
    coordinator = make_coordinator("fr")
    with pytest.raises(Conflict, match="déjà confirmée"):
        supporter_confirmation_propose(actor=coordinator, supporter=make_supporter())


def test_only_a_current_coordinator_proposes_a_confirmation_and_staff_without_a_term_cannot():
    coordinator = make_coordinator("fr")
    supporter = checked_in(coordinator)
    for outsider in (UserFactory(is_staff=True), make_supporter().member, make_coordinator("de")):
        with pytest.raises(NotAllowed, match="Seule la coordination"):
            supporter_confirmation_propose(actor=outsider, supporter=supporter)
    assert not ProgrammeProposal.objects.filter(supporter=supporter).exists()


def test_a_confirmation_lapses_when_the_supporter_left_before_the_window_closed():
    coordinator = make_coordinator("fr")
    supporter = checked_in(coordinator)
    proposal = supporter_confirmation_propose(actor=coordinator, supporter=supporter)
    supporter.member.delete()
    assert settle_after_the_window(proposal).status == ProgrammeProposalStatus.LAPSED
    assert not Supporter.objects.exists()


# --- Objecting and withdrawing ------------------------------------------------------------------

def test_one_objection_from_a_confirmed_supporter_blocks_the_proposal_at_once_and_nothing_takes_effect():
    coordinator = make_coordinator("fr")
    supporter = checked_in(coordinator)
    proposal = supporter_confirmation_propose(actor=coordinator, supporter=supporter)
    objector = make_supporter().member
    objection = programme_proposal_object(actor=objector, proposal=proposal,
                                          reason="Nous ne nous sommes pas encore parlé.")
    proposal.refresh_from_db()
    assert (objection.member, proposal.status) == (objector, ProgrammeProposalStatus.BLOCKED)
    assert proposal.settled_at is not None
    settle_after_the_window(proposal)
    supporter.refresh_from_db()
    assert supporter.confirmed_at is None


def test_a_paused_supporter_still_takes_part_and_may_add_an_objection_to_a_blocked_proposal():
    coordinator = make_coordinator("fr")
    proposal = guidelines_change_propose(actor=coordinator, programme=programme("fr"), guidelines_text="Texte A")
    programme_proposal_object(actor=make_supporter().member, proposal=proposal, reason="Trop court.")
    programme_proposal_object(actor=make_supporter(paused=True).member, proposal=proposal, reason="Pas clair.")
    assert proposal.objections.count() == 2


@pytest.mark.parametrize("who", ["member", "staff", "unconfirmed_volunteer", "supporter_of_another_language"])
def test_only_participants_object_and_others_are_refused_with_a_403_and_a_message(who):
    coordinator = make_coordinator("fr")
    proposal = guidelines_change_propose(actor=coordinator, programme=programme("fr"), guidelines_text="Texte A")
    actor = {
        "member": lambda: UserFactory(),
        "staff": lambda: UserFactory(is_staff=True),
        "unconfirmed_volunteer": lambda: make_supporter(confirmed=False).member,
        "supporter_of_another_language": lambda: make_supporter(languages=("de",)).member,
    }[who]()
    with pytest.raises(NotAllowed, match="prennent part") as refused:
        programme_proposal_object(actor=actor, proposal=proposal, reason="Non.")
    assert refused.value.status == 403
    proposal.refresh_from_db()
    assert proposal.status == ProgrammeProposalStatus.OPEN


def test_an_objection_needs_a_reason_of_bounded_length_comes_once_and_not_from_the_proposer():
    coordinator = make_coordinator("fr")
    proposal = guidelines_change_propose(actor=coordinator, programme=programme("fr"), guidelines_text="Texte A")
    objector = make_supporter().member
    with pytest.raises(NotAllowed, match="C'est votre proposition"):
        programme_proposal_object(actor=coordinator, proposal=proposal, reason="Finalement non.")
    with pytest.raises(DomainError, match="pourquoi vous objectez"):
        programme_proposal_object(actor=objector, proposal=proposal, reason="   ")
    with pytest.raises(DomainError, match="ne peut pas dépasser"):
        programme_proposal_object(actor=objector, proposal=proposal, reason="x" * (REASON_MAX_LENGTH + 1))
    programme_proposal_object(actor=objector, proposal=proposal, reason="Trop court.")
    with pytest.raises(Conflict, match="déjà objecté"):
        programme_proposal_object(actor=objector, proposal=proposal, reason="Encore.")


def test_once_the_window_closed_no_one_objects_or_withdraws():
    coordinator = make_coordinator("fr")
    proposal = guidelines_change_propose(actor=coordinator, programme=programme("fr"), guidelines_text="Texte A")
    late = proposal.decides_at + timedelta(seconds=1)
    with pytest.raises(Conflict, match="plus en consultation"):
        programme_proposal_object(actor=make_supporter().member, proposal=proposal, reason="Non.", now=late)
    with pytest.raises(Conflict, match="plus en consultation"):
        programme_proposal_withdraw(actor=coordinator, proposal=proposal, now=late)


def test_the_proposer_withdraws_and_no_one_else_can():
    coordinator = make_coordinator("fr")
    proposal = supporter_confirmation_propose(actor=coordinator, supporter=checked_in(coordinator))
    with pytest.raises(NotAllowed, match="Seule la personne"):
        programme_proposal_withdraw(actor=make_coordinator("fr"), proposal=proposal)
    proposal = programme_proposal_withdraw(actor=coordinator, proposal=proposal)
    assert proposal.status == ProgrammeProposalStatus.WITHDRAWN
    assert settle_after_the_window(proposal).status == ProgrammeProposalStatus.WITHDRAWN
    with pytest.raises(Conflict, match="plus en consultation"):
        programme_proposal_withdraw(actor=coordinator, proposal=proposal)


# --- Changing the guidelines --------------------------------------------------------------------

def test_a_guidelines_change_by_a_confirmed_supporter_replaces_them_and_moves_the_version():
    the_programme = programme("fr")
    proposal = guidelines_change_propose(actor=make_supporter().member, programme=the_programme,
                                         guidelines_text="  On écoute, on ne conseille pas.  ")
    assert (proposal.guidelines_text, proposal.guidelines_version) == ("On écoute, on ne conseille pas.", 0)
    assert settle_after_the_window(proposal).status == ProgrammeProposalStatus.ADOPTED
    the_programme.refresh_from_db()
    assert (the_programme.guidelines, the_programme.guidelines_version) == ("On écoute, on ne conseille pas.", 1)


def test_a_guidelines_change_lapses_when_another_was_adopted_meanwhile():
    the_programme = programme("fr")
    first = guidelines_change_propose(actor=make_supporter().member, programme=the_programme, guidelines_text="A")
    second = guidelines_change_propose(actor=make_coordinator("fr"), programme=the_programme, guidelines_text="B",
                                       now=first.created_at + timedelta(hours=1))
    programme_proposals_settle_due(now=second.decides_at + timedelta(minutes=1))
    first.refresh_from_db()
    second.refresh_from_db()
    the_programme.refresh_from_db()
    assert (first.status, second.status) == (ProgrammeProposalStatus.ADOPTED, ProgrammeProposalStatus.LAPSED)
    assert (the_programme.guidelines, the_programme.guidelines_version) == ("A", 1)


def test_a_guidelines_change_needs_new_text_and_one_open_proposal_per_person():
    the_programme = programme("fr")
    member = make_supporter().member
    with pytest.raises(DomainError, match="Écrivez les lignes directrices"):
        guidelines_change_propose(actor=member, programme=the_programme, guidelines_text=" ")
    with pytest.raises(DomainError, match="ne peuvent pas dépasser"):
        guidelines_change_propose(actor=member, programme=the_programme, guidelines_text="x" * 10001)
    guidelines_change_propose(actor=member, programme=the_programme, guidelines_text="A")
    with pytest.raises(Conflict, match="déjà en consultation"):
        guidelines_change_propose(actor=member, programme=the_programme, guidelines_text="B")


def test_staff_without_a_term_and_unconfirmed_volunteers_do_not_propose_guidelines():
    for outsider in (UserFactory(is_staff=True), make_supporter(confirmed=False).member):
        with pytest.raises(NotAllowed, match="prennent part"):
            guidelines_change_propose(actor=outsider, programme=programme("fr"), guidelines_text="A")


# --- Coordinator terms --------------------------------------------------------------------------

def test_staff_grant_the_first_term_and_its_coordinator_grants_the_next_one():
    now = timezone.now()
    first = UserFactory()
    coordinator_term_grant(actor=UserFactory(is_staff=True), programme=programme("it"), member=first,
                           starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=90))
    term = coordinator_term_grant(actor=first, programme=programme("it"), member=UserFactory(),
                                  starts_at=now + timedelta(days=90), ends_at=now + timedelta(days=180))
    assert term.programme.language == "it"


def test_members_and_coordinators_of_another_programme_do_not_grant_terms():
    now = timezone.now()
    for actor in (UserFactory(), make_coordinator("de")):
        with pytest.raises(NotAllowed, match="attribuent un mandat"):
            coordinator_term_grant(actor=actor, programme=programme("it"), member=actor,
                                   starts_at=now, ends_at=now + timedelta(days=90))


def test_a_term_ends_after_it_starts_in_the_future_and_does_not_overlap_the_same_members_term():
    now = timezone.now()
    staff, member = UserFactory(is_staff=True), UserFactory()

    def grant(starts_at, ends_at):
        return coordinator_term_grant(actor=staff, programme=programme("fr"), member=member, starts_at=starts_at,
                                      ends_at=ends_at, now=now)

    with pytest.raises(DomainError, match="finit après son début"):
        grant(now + timedelta(days=2), now + timedelta(days=1))
    with pytest.raises(DomainError, match="déjà terminé"):
        grant(now - timedelta(days=2), now - timedelta(days=1))
    grant(now, now + timedelta(days=30))
    with pytest.raises(Conflict, match="déjà un mandat"):
        grant(now + timedelta(days=10), now + timedelta(days=40))
