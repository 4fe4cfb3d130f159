"""A group stops by consent: a role holder proposes it with a reason, and unless a member
objects before the window closes, the task worker settles it and the group stops."""

import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import Group
from entraide.services.groups import group_stop
from moderation.models import REASON_MAX_LENGTH, LogAction, ModerationLogEntry, Proposal, ProposalKind, ProposalStatus
from moderation.services.proposals import (
    charter_change_propose,
    group_close_propose,
    proposal_object,
    proposal_settle_due,
)
from tests.factories import UserFactory, join, make_group

from .builders import window_passed

pytestmark = pytest.mark.django_db

REASON = "Nous ne sommes plus que deux à venir, et chacun·e a trouvé un autre soutien."


def founded():
    founder = UserFactory()
    return make_group(founder), founder


def test_a_role_holder_proposes_to_close_the_group_with_a_reason():
    group, founder = founded()
    proposal = group_close_propose(actor=founder, group=group, reason=f"  {REASON}  ")
    assert proposal.kind == ProposalKind.CLOSE_GROUP
    assert proposal.reason == REASON
    assert proposal.status == ProposalStatus.OPEN
    assert ModerationLogEntry.objects.filter(proposal=proposal, action=LogAction.PROPOSAL_OPENED).exists()


def test_a_member_without_a_role_cannot_propose_to_close_the_group():
    group, _founder = founded()
    with pytest.raises(NotAllowed):
        group_close_propose(actor=join(group), group=group, reason=REASON)


def test_someone_outside_the_group_cannot_propose_to_close_it():
    group, _founder = founded()
    with pytest.raises(NotAllowed):
        group_close_propose(actor=UserFactory(), group=group, reason=REASON)


@pytest.mark.parametrize("reason", ["", "   ", "x" * (REASON_MAX_LENGTH + 1)])
def test_closing_needs_a_reason_of_reasonable_length(reason):
    group, founder = founded()
    with pytest.raises(DomainError):
        group_close_propose(actor=founder, group=group, reason=reason)
    assert not Proposal.objects.exists()


def test_proposing_to_close_the_group_twice_opens_one_proposal():
    group, founder = founded()
    group_close_propose(actor=founder, group=group, reason=REASON)
    with pytest.raises(Conflict):
        group_close_propose(actor=founder, group=group, reason=REASON)
    assert Proposal.objects.filter(kind=ProposalKind.CLOSE_GROUP).count() == 1


def test_the_group_stops_when_the_window_closes_without_objection():
    group, founder = founded()
    proposal = window_passed(group_close_propose(actor=founder, group=group, reason=REASON))
    assert proposal_settle_due(group=group) == 1
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED
    stopped = Group.objects.get(pk=group.pk)
    assert stopped.stopped_at == proposal.settled_at
    actions = set(ModerationLogEntry.objects.filter(group=group).values_list("action", flat=True))
    assert {LogAction.GROUP_CLOSED, LogAction.GROUP_STOPPED} <= actions
    assert ModerationLogEntry.objects.get(action=LogAction.GROUP_CLOSED).reason == REASON


def test_one_objection_keeps_the_group_going():
    group, founder = founded()
    proposal = group_close_propose(actor=founder, group=group, reason=REASON)
    proposal_object(actor=join(group), proposal=proposal, reason="Je tiens à ce groupe, parlons-en à la rencontre.")
    window_passed(proposal)
    assert proposal_settle_due(group=group) == 0
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.BLOCKED
    assert Group.objects.get(pk=group.pk).stopped_at is None


def test_other_open_proposals_lapse_when_the_group_stops():
    group, founder = founded()
    charter = charter_change_propose(actor=join(group), group=group, charter_text="Une autre charte.")
    group_stop(actor=None, group=group)
    charter.refresh_from_db()
    assert charter.status == ProposalStatus.LAPSED
    assert ModerationLogEntry.objects.filter(proposal=charter, action=LogAction.PROPOSAL_LAPSED).exists()


def test_a_closing_proposal_lapses_when_the_group_stopped_before_it_was_settled():
    group, founder = founded()
    proposal = group_close_propose(actor=founder, group=group, reason=REASON)
    group_stop(actor=None, group=group)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.LAPSED
    window_passed(proposal)
    assert proposal_settle_due(group=group) == 0


def test_nothing_more_is_proposed_in_a_stopped_group():
    group, founder = founded()
    group_stop(actor=None, group=group)
    group = Group.objects.get(pk=group.pk)
    with pytest.raises(NotAllowed):
        group_close_propose(actor=founder, group=group, reason=REASON)
    with pytest.raises(NotAllowed):
        charter_change_propose(actor=founder, group=group, charter_text="Une autre charte.")
