import pytest
from django.contrib.auth.models import AnonymousUser

from entraide import permissions as group_permissions
from moderation import permissions
from moderation.models import RoleKind
from moderation.services.roles import role_volunteer
from tests.factories import UserFactory, join, make_group

from .builders import end_term, fresh, give_role

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "non_member", "member", "host", "timekeeper", "welcome", "moderator", "ended_term", "staff"]
HOLDERS = {"host", "timekeeper", "welcome", "moderator"}
MEMBERS = {"member", "ended_term"} | HOLDERS

# Who may do each thing, by the rules of issue 3. Staff act only through the admin.
RULES = {
    "can_decide_join_requests": {"welcome"},
    "can_edit_group": HOLDERS,
    "can_set_functions": HOLDERS,
    "can_hide_content": {"moderator"},
    "can_lock_thread": {"moderator"},
    "can_pin_thread": {"moderator"},
    "can_set_slow_mode": {"moderator"},
    "can_mute_member": {"moderator"},
    "can_propose_removal": HOLDERS,
    "can_view_roles": MEMBERS,
    "can_view_proposals": MEMBERS,
    "can_propose": MEMBERS,
    "can_view_log": MEMBERS,
}


@pytest.fixture
def cast(db):
    """A group whose founder's term has ended, with one current holder of each role."""
    group = make_group()
    people = {"anonymous": AnonymousUser(), "non_member": UserFactory(), "member": join(group),
              "staff": UserFactory(is_staff=True, is_superuser=True)}
    people["ended_term"] = end_term(group, group.created_by)
    for role in (RoleKind.HOST, RoleKind.TIMEKEEPER, RoleKind.WELCOME, RoleKind.MODERATOR):
        people[role.value] = give_role(group, join(group), role)
    return group, people


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_permission_is_granted_exactly_where_the_rules_say(cast, rule):
    group, people = cast
    check = getattr(permissions, rule)
    allowed = {name for name in ACTORS if check(fresh(people[name]) if name != "anonymous" else people[name], group)}
    assert allowed == RULES[rule]


def test_the_group_permissions_ask_the_roles(cast):
    group, people = cast
    assert {name for name in ACTORS if group_permissions.can_decide_join_requests(people[name], group)} == {"welcome"}
    assert {name for name in ACTORS if group_permissions.can_edit_group(people[name], group)} == HOLDERS


def test_removal_needs_two_different_role_holders(cast):
    group, people = cast
    proposer = people["moderator"]
    assert permissions.can_propose_removal(proposer, group)
    assert not permissions.can_confirm_removal(proposer, group, proposed_by=proposer)
    assert permissions.can_confirm_removal(people["welcome"], group, proposed_by=proposer)
    assert not permissions.can_confirm_removal(people["member"], group, proposed_by=proposer)
    assert not permissions.can_confirm_removal(people["ended_term"], group, proposed_by=proposer)
    assert not permissions.can_confirm_removal(people["staff"], group, proposed_by=proposer)


def test_a_holder_who_leaves_the_group_loses_every_power():
    from entraide.services.groups import group_leave

    group = make_group()
    founder = group.created_by
    group_leave(actor=founder, group=group)
    founder = fresh(founder)
    assert permissions.current_roles(founder, group) == frozenset()
    assert not permissions.can_hide_content(founder, group)
    assert not permissions.can_decide_join_requests(founder, group)


def test_volunteering_is_open_to_members_for_roles_they_do_not_hold():
    group = make_group()
    member = join(group)
    assert permissions.can_volunteer(member, group, RoleKind.HOST)
    assert not permissions.can_volunteer(member, group, RoleKind.LOGISTICS)
    assert not permissions.can_volunteer(group.created_by, group, RoleKind.HOST)
    assert not permissions.can_volunteer(UserFactory(), group, RoleKind.HOST)
    assert not permissions.can_volunteer(AnonymousUser(), group, RoleKind.HOST)


def test_objecting_is_for_members_other_than_the_proposer():
    group = make_group()
    proposer = join(group)
    proposal = role_volunteer(actor=proposer, group=group, role=RoleKind.HOST)
    assert permissions.can_object(join(group), proposal)
    assert not permissions.can_object(proposer, proposal)
    assert not permissions.can_object(UserFactory(is_staff=True), proposal)
    assert not permissions.can_object(AnonymousUser(), proposal)
    assert not permissions.can_object(join(group), proposal, now=proposal.decides_at)


def test_roles_are_read_once_per_request(django_assert_num_queries):
    group = make_group()
    founder = fresh(group.created_by)
    with django_assert_num_queries(2):
        for _ in range(3):
            permissions.can_hide_content(founder, group)
            permissions.can_decide_join_requests(founder, group)
