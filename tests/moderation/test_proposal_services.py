from datetime import timedelta

import pytest
from django.db import IntegrityError

from entraide.errors import Conflict, DomainError, NotAllowed
from moderation.models import LogAction, ModerationLogEntry, Objection, Proposal, ProposalStatus, RoleHolding, RoleKind
from moderation.services.proposals import (
    charter_change_propose,
    proposal_object,
    proposal_settle_due,
    proposal_withdraw,
)
from moderation.services.roles import role_volunteer
from tests.factories import UserFactory, join, make_group

from .builders import window_passed

pytestmark = pytest.mark.django_db


def current(group, role, now=None):
    return set(RoleHolding.objects.current(now).filter(group=group, role=role).values_list("user__pseudonym", flat=True))


def test_a_proposal_takes_effect_once_the_window_passes_without_objection():
    group = make_group()
    member = join(group)
    proposal = role_volunteer(actor=member, group=group, role=RoleKind.HOST)
    assert proposal_settle_due(group=group, now=proposal.decides_at - timedelta(minutes=1)) == 0
    assert member.pseudonym not in current(group, RoleKind.HOST)
    later = proposal.decides_at + timedelta(minutes=1)
    assert proposal_settle_due(group=group, now=later) == 1
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED
    holding = RoleHolding.objects.get(group=group, user=member, role=RoleKind.HOST)
    assert holding.starts_at == later
    assert current(group, RoleKind.HOST, later) == {group.created_by.pseudonym, member.pseudonym}


def test_settling_is_idempotent():
    group = make_group()
    proposal = window_passed(role_volunteer(actor=join(group), group=group, role=RoleKind.HOST))
    assert proposal_settle_due() == 1
    assert proposal_settle_due() == 0
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED
    assert RoleHolding.objects.filter(group=group, role=RoleKind.HOST).count() == 2
    assert ModerationLogEntry.objects.filter(action=LogAction.ROLE_CONSENTED).count() == 1


def test_an_objection_keeps_a_proposal_from_taking_effect():
    group = make_group()
    member, objector = join(group), join(group)
    proposal = role_volunteer(actor=member, group=group, role=RoleKind.HOST)
    proposal_object(actor=objector, proposal=proposal, reason="Attendons la prochaine rencontre pour en parler.")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.BLOCKED
    assert proposal_settle_due(now=proposal.decides_at + timedelta(days=1)) == 0
    assert not RoleHolding.objects.filter(user=member).exists()
    entry = ModerationLogEntry.objects.get(action=LogAction.PROPOSAL_BLOCKED)
    assert entry.reason == "Attendons la prochaine rencontre pour en parler." and entry.actor == objector


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_an_objection_without_a_reason_is_refused(reason):
    group = make_group()
    proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    with pytest.raises(DomainError, match="pourquoi"):
        proposal_object(actor=join(group), proposal=proposal, reason=reason)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN and not Objection.objects.exists()


def test_objections_come_from_members_other_than_the_proposer_while_the_window_is_open():
    group = make_group()
    proposer = join(group)
    proposal = role_volunteer(actor=proposer, group=group, role=RoleKind.HOST)
    with pytest.raises(NotAllowed):
        proposal_object(actor=UserFactory(), proposal=proposal, reason="Je ne suis pas d'accord.")
    with pytest.raises(DomainError):
        proposal_object(actor=proposer, proposal=proposal, reason="Je ne suis pas d'accord.")
    with pytest.raises(Conflict):
        proposal_object(actor=join(group), proposal=proposal, reason="Trop tard.", now=proposal.decides_at)
    assert not Objection.objects.exists()


def test_a_member_objects_once_and_others_may_add_their_reasons():
    group = make_group()
    proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    first, second = join(group), join(group)
    proposal_object(actor=first, proposal=proposal, reason="Une raison.")
    with pytest.raises(Conflict):
        proposal_object(actor=first, proposal=proposal, reason="Encore.")
    proposal_object(actor=second, proposal=proposal, reason="Une autre raison.")
    assert proposal.objections.count() == 2


def test_the_database_refuses_an_objection_without_reason():
    group = make_group()
    proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    with pytest.raises(IntegrityError):
        Objection.objects.create(proposal=proposal, member=group.created_by, reason="")


def test_the_proposer_may_withdraw_an_open_proposal_and_nobody_else():
    group = make_group()
    proposer = join(group)
    proposal = role_volunteer(actor=proposer, group=group, role=RoleKind.HOST)
    with pytest.raises(NotAllowed):
        proposal_withdraw(actor=group.created_by, proposal=proposal)
    proposal_withdraw(actor=proposer, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal_settle_due(now=proposal.decides_at + timedelta(hours=1)) == 0
    with pytest.raises(Conflict):
        proposal_withdraw(actor=proposer, proposal=proposal)


def test_a_charter_change_applies_after_the_window_and_raises_the_version():
    group = make_group()
    proposal = charter_change_propose(actor=join(group), group=group, charter_text="- On s'écoute.\n- On se respecte.")
    window_passed(proposal)
    proposal_settle_due(group=group)
    group.refresh_from_db()
    assert group.charter == "- On s'écoute.\n- On se respecte."
    assert "<li>On s'écoute.</li>" in group.charter_html
    assert group.charter_version == 2
    assert ModerationLogEntry.objects.filter(action=LogAction.CHARTER_CHANGED, proposal=proposal).exists()


def test_a_second_charter_proposal_on_an_old_version_lapses():
    group = make_group()
    first = charter_change_propose(actor=join(group), group=group, charter_text="Première version.")
    second = charter_change_propose(actor=join(group), group=group, charter_text="Seconde version.")
    window_passed(first)
    window_passed(second)
    assert proposal_settle_due(group=group) == 1
    group.refresh_from_db()
    second.refresh_from_db()
    assert group.charter_version == 2
    assert second.status == ProposalStatus.LAPSED


@pytest.mark.parametrize("text", ["", "   ", "x" * 10001])
def test_an_empty_or_overlong_charter_proposal_is_refused(text):
    group = make_group()
    with pytest.raises(DomainError):
        charter_change_propose(actor=join(group), group=group, charter_text=text)
    assert not Proposal.objects.exists()


def test_proposing_the_current_charter_or_from_outside_is_refused():
    group = make_group()
    with pytest.raises(DomainError):
        charter_change_propose(actor=join(group), group=group, charter_text=group.charter)
    with pytest.raises(NotAllowed):
        charter_change_propose(actor=UserFactory(), group=group, charter_text="Autre chose.")
    assert not Proposal.objects.exists()


def test_settling_on_time_uses_the_clock_when_no_time_is_given():
    group = make_group()
    proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    assert proposal_settle_due() == 0
    window_passed(proposal)
    assert proposal_settle_due() == 1
