import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from entraide import permissions as group_permissions
from entraide.errors import NotAllowed
from entraide.standing import read_standing, standing_for
from moderation import permissions
from moderation.models import RoleKind
from moderation.services.removal import removal_propose
from moderation.services.roles import role_volunteer
from tests.factories import UserFactory, join, make_group

from .builders import end_term, give_role

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "non_member", "member", "host", "timekeeper", "welcome", "moderator", "ended_term", "staff"]
HOLDERS = {"host", "timekeeper", "welcome", "moderator"}
MEMBERS = {"member", "ended_term"} | HOLDERS

# Who may do each thing, by the rules of issue 3, read from each person's standing. Staff act
# only through the admin and the escalation queue.
RULES = {
    "decide_join_requests": (group_permissions.can_decide_join_requests, {"welcome"}),
    "edit_group": (group_permissions.can_edit_group, HOLDERS),
    # Set the functions, propose, confirm or cancel a removal, see and settle appeals.
    "hold_a_role": (permissions.can_hold_a_role, HOLDERS),
    # Hide and restore, lock, pin, slow a thread, mute a member, review reports.
    "moderate": (permissions.can_moderate, {"moderator"}),
    # See the roles, the proposals and the log; propose; report; ask for news.
    "be_a_member": (group_permissions.can_see_members, MEMBERS),
    "write_in_group": (permissions.can_write_in_group, MEMBERS),
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
    can, allowed = RULES[rule]
    assert {name for name in ACTORS if can(read_standing(people[name], group))} == allowed


def test_a_role_holder_whose_term_ended_is_refused_with_the_single_message_of_role_holders(cast):
    group, people = cast
    with pytest.raises(NotAllowed) as refused:
        permissions.check_hold_a_role(read_standing(people["ended_term"], group))
    assert refused.value.message == permissions.ROLE_HOLDERS_ONLY
    with pytest.raises(NotAllowed) as refused:
        permissions.check_moderate(read_standing(people["host"], group))
    assert refused.value.message == permissions.MODERATORS_ONLY


def test_removal_needs_two_different_role_holders(cast):
    group, people = cast
    proposer = people["moderator"]

    def may_confirm(name):
        return permissions.can_confirm_removal(read_standing(people[name], group), proposed_by=proposer)

    assert permissions.can_hold_a_role(read_standing(proposer, group))
    assert not may_confirm("moderator")
    assert may_confirm("welcome")
    assert not any(may_confirm(name) for name in ("member", "ended_term", "staff"))


def test_a_role_holder_does_not_confirm_their_own_removal(cast):
    group, people = cast
    proposal = removal_propose(actor=people["moderator"], group=group, member=people["welcome"], reason="Menaces")
    standing = read_standing(people["welcome"], group)
    assert not permissions.can_confirm_removal(standing, proposed_by=proposal.proposed_by, member=proposal.member)
    assert permissions.can_confirm_removal(read_standing(people["host"], group), proposed_by=proposal.proposed_by,
                                           member=proposal.member)


def test_a_holder_who_leaves_the_group_loses_every_power():
    from entraide.services.groups import group_leave

    group = make_group()
    founder = group.created_by
    group_leave(actor=founder, group=group)
    standing = read_standing(founder, group)
    assert standing.roles == frozenset()
    assert not permissions.can_moderate(standing)
    assert not group_permissions.can_decide_join_requests(standing)


def test_volunteering_is_open_to_members_for_roles_they_do_not_hold():
    group = make_group()
    member = join(group)

    def may_volunteer(user, role):
        return permissions.can_volunteer(read_standing(user, group), role)

    assert may_volunteer(member, RoleKind.HOST)
    assert not may_volunteer(member, RoleKind.LOGISTICS)
    assert not may_volunteer(group.created_by, RoleKind.HOST)
    assert not may_volunteer(UserFactory(), RoleKind.HOST)
    assert not may_volunteer(AnonymousUser(), RoleKind.HOST)


def test_objecting_is_for_members_other_than_the_proposer():
    group = make_group()
    proposer = join(group)
    proposal = role_volunteer(actor=proposer, group=group, role=RoleKind.HOST)

    def may_object(user, **when):
        return permissions.can_object(read_standing(user, group), proposal, **when)

    assert may_object(join(group))
    assert not may_object(proposer)
    assert not may_object(UserFactory(is_staff=True))
    assert not may_object(AnonymousUser())
    assert not may_object(join(group), now=proposal.decides_at)


def test_a_standing_is_one_query_and_answers_every_check_without_another(django_assert_num_queries):
    group = make_group()
    founder = group.created_by
    with django_assert_num_queries(1):
        standing = read_standing(founder, group)
    with django_assert_num_queries(0):
        for _ in range(3):
            assert permissions.can_moderate(standing)
            assert group_permissions.can_decide_join_requests(standing)
            assert permissions.can_write_in_group(standing)


def test_a_page_reads_the_standing_once_per_request(django_assert_num_queries):
    group = make_group()
    request = RequestFactory().get("/")
    request.user = group.created_by
    with django_assert_num_queries(1):
        first = standing_for(request, group)
        assert standing_for(request, group) is first
