from datetime import timedelta

import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.permissions import can_decide_join_requests
from entraide.services import groups as group_services
from entraide.standing import read_standing
from moderation import permissions
from moderation.models import (
    CORE_ROLES,
    LogAction,
    ModerationLogEntry,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RoleHolding,
    RoleKind,
)
from moderation.services.proposals import proposal_settle_due
from moderation.services.roles import group_functions_set, role_hand_on, role_volunteer, roles_grant_founder
from tests.factories import UserFactory, join, make_group

from .builders import end_term, give_role, window_passed

pytestmark = pytest.mark.django_db


def current(group, role, now=None):
    return set(RoleHolding.objects.current(now).filter(group=group, role=role).values_list("user__pseudonym", flat=True))


def test_the_creator_holds_the_four_roles_for_about_three_months():
    group = make_group()
    holdings = RoleHolding.objects.filter(group=group, user=group.created_by)
    assert sorted(holdings.values_list("role", flat=True)) == sorted(CORE_ROLES)
    for holding in holdings:
        assert timedelta(days=89) < holding.ends_at - holding.starts_at < timedelta(days=93)
    assert ModerationLogEntry.objects.filter(group=group, action=LogAction.FOUNDING_ROLES).count() == 1


def test_founding_roles_are_given_only_once_and_only_to_the_creator():
    group = make_group()
    with pytest.raises(Conflict):
        roles_grant_founder(actor=group.created_by, group=group)
    with pytest.raises(NotAllowed):
        roles_grant_founder(actor=join(group), group=group)
    assert RoleHolding.objects.filter(group=group).count() == 4


def test_a_role_holding_ends_by_itself_when_its_term_passes():
    group = make_group()
    founder = end_term(group, group.created_by, RoleKind.TIMEKEEPER)
    assert not read_standing(founder, group).holds(RoleKind.TIMEKEEPER)
    assert read_standing(founder, group).holds(RoleKind.HOST)


def test_volunteering_for_a_role_nobody_holds_is_immediate():
    group = make_group()
    end_term(group, group.created_by, RoleKind.TIMEKEEPER)
    member = join(group)
    holding = role_volunteer(actor=member, group=group, role=RoleKind.TIMEKEEPER)
    assert isinstance(holding, RoleHolding)
    assert read_standing(member, group).holds(RoleKind.TIMEKEEPER)
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.ROLE_TAKEN)
    assert (entry.actor, entry.role) == (member, RoleKind.TIMEKEEPER)


def test_volunteering_for_a_held_role_opens_a_proposal_with_a_48_hour_window():
    group = make_group()
    member = join(group)
    proposal = role_volunteer(actor=member, group=group, role=RoleKind.HOST)
    assert isinstance(proposal, Proposal)
    assert proposal.kind == ProposalKind.TAKE_ROLE and proposal.status == ProposalStatus.OPEN
    assert proposal.decides_at - proposal.created_at == timedelta(hours=48)
    assert not read_standing(member, group).holds(RoleKind.HOST)


def test_a_holder_who_left_the_group_does_not_keep_a_role_taken():
    group = make_group()
    moderator = give_role(group, join(group), RoleKind.MODERATOR)
    end_term(group, group.created_by, RoleKind.MODERATOR)
    group_services.group_leave(actor=moderator, group=group)
    newcomer = join(group)
    assert isinstance(role_volunteer(actor=newcomer, group=group, role=RoleKind.MODERATOR), RoleHolding)


@pytest.mark.parametrize("role", ["queen", "", RoleKind.LOGISTICS])
def test_volunteering_for_an_unknown_or_switched_off_role_is_refused(role):
    group = make_group()
    member = join(group)
    with pytest.raises(DomainError):
        role_volunteer(actor=member, group=group, role=role)
    assert not Proposal.objects.exists()
    assert RoleHolding.objects.filter(user=member).count() == 0


def test_a_non_member_cannot_volunteer():
    group = make_group()
    with pytest.raises(NotAllowed):
        role_volunteer(actor=UserFactory(), group=group, role=RoleKind.HOST)


def test_volunteering_twice_for_the_same_role_is_refused():
    group = make_group()
    member = join(group)
    role_volunteer(actor=member, group=group, role=RoleKind.HOST)
    with pytest.raises(Conflict):
        role_volunteer(actor=member, group=group, role=RoleKind.HOST)
    with pytest.raises(Conflict):
        role_volunteer(actor=group.created_by, group=group, role=RoleKind.HOST)
    assert Proposal.objects.count() == 1


def test_a_switched_on_function_can_be_taken_and_the_change_is_logged():
    group = make_group()
    group_functions_set(actor=group.created_by, group=group, logistics=True, speakers=False)
    member = join(group)
    assert isinstance(role_volunteer(actor=member, group=group, role=RoleKind.LOGISTICS), RoleHolding)
    assert ModerationLogEntry.objects.filter(group=group, action=LogAction.FUNCTION_ENABLED,
                                             role=RoleKind.LOGISTICS).exists()


def test_only_role_holders_switch_functions():
    group = make_group()
    with pytest.raises(NotAllowed):
        group_functions_set(actor=join(group), group=group, logistics=True, speakers=True)
    assert permissions.enabled_roles(group) == CORE_ROLES


def test_handing_on_a_role_passes_it_when_the_window_closes():
    group = make_group()
    founder, successor = group.created_by, join(group)
    proposal = role_hand_on(actor=founder, group=group, role=RoleKind.WELCOME, to_member=successor)
    assert read_standing(founder, group).holds(RoleKind.WELCOME)
    window_passed(proposal)
    assert proposal_settle_due(group=group) == 1
    assert current(group, RoleKind.WELCOME) == {successor.pseudonym}
    assert can_decide_join_requests(read_standing(successor, group))
    assert not can_decide_join_requests(read_standing(founder, group))
    assert ModerationLogEntry.objects.get(action=LogAction.ROLE_HANDED_ON).target_display == successor.pseudonym


def test_a_hand_on_lapses_when_the_chosen_member_left_before_the_window_closed():
    group = make_group()
    successor = join(group)
    proposal = role_hand_on(actor=group.created_by, group=group, role=RoleKind.WELCOME, to_member=successor)
    group_services.group_leave(actor=successor, group=group)
    window_passed(proposal)
    assert proposal_settle_due(group=group) == 0
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.LAPSED
    assert current(group, RoleKind.WELCOME) == {group.created_by.pseudonym}


def test_handing_on_needs_a_current_holding_and_another_member():
    group = make_group()
    member, outsider = join(group), UserFactory()
    founder = group.created_by
    with pytest.raises(NotAllowed):
        role_hand_on(actor=member, group=group, role=RoleKind.HOST, to_member=founder)
    with pytest.raises(DomainError):
        role_hand_on(actor=founder, group=group, role=RoleKind.HOST, to_member=outsider)
    with pytest.raises(DomainError):
        role_hand_on(actor=founder, group=group, role=RoleKind.HOST, to_member=founder)
    with pytest.raises(DomainError):
        role_hand_on(actor=founder, group=group, role="queen", to_member=member)
    end_term(group, founder)
    with pytest.raises(NotAllowed):
        role_hand_on(actor=founder, group=group, role=RoleKind.HOST, to_member=member)
    assert not Proposal.objects.exists()


def test_a_holder_steps_down_at_once_and_the_role_opens_for_the_next_volunteer():
    from moderation.services.roles import role_step_down

    group = make_group()
    founder = end_term(group, group.created_by, RoleKind.WELCOME)
    successor = give_role(group, join(group), RoleKind.WELCOME)
    role_step_down(actor=successor, group=group, role=RoleKind.WELCOME)
    assert not can_decide_join_requests(read_standing(successor, group))
    assert ModerationLogEntry.objects.filter(action=LogAction.ROLE_STEPPED_DOWN, actor=successor).exists()
    with pytest.raises(Conflict):
        role_step_down(actor=successor, group=group, role=RoleKind.WELCOME)
    assert isinstance(role_volunteer(actor=founder, group=group, role=RoleKind.WELCOME), RoleHolding)
