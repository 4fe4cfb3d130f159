"""A member's standing in a group, what every check in a group is decided from: the membership
and the roles, mute and removal moderation adds, in one query; whom the member silenced, on
first use only."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from entraide.services.groups import group_leave
from entraide.standing import read_standing
from moderation.models import CORE_ROLES, DecisionAction, RoleKind
from moderation.services.safety import member_block, member_mute
from tests.factories import UserFactory, join, make_group
from tests.moderation.builders import give_role, removed_from
from tests.moderation.report_builders import decided, notes, reported_note  # noqa: F401 (notes: a fixture)

pytestmark = pytest.mark.django_db


def test_a_founders_standing_holds_the_four_core_roles_in_one_query(django_assert_num_queries):
    group = make_group()
    with django_assert_num_queries(1):
        standing = read_standing(group.created_by, group)
    assert standing.is_member and standing.roles == frozenset(CORE_ROLES)
    assert standing.holds(RoleKind.WELCOME) and standing.holds_any_role
    assert not (standing.is_muted or standing.is_removed)


def test_a_member_without_a_role_holds_none():
    group = make_group()
    standing = read_standing(join(group), group)
    assert standing.is_member and standing.roles == frozenset() and not standing.holds_any_role


def test_a_member_who_left_holds_no_role():
    group = make_group()
    host = give_role(group, join(group), RoleKind.HOST)
    assert read_standing(host, group).holds(RoleKind.HOST)
    group_leave(actor=host, group=group)
    standing = read_standing(host, group)
    assert not standing.is_member and standing.roles == frozenset()


def test_a_muted_member_is_muted_until_the_end_of_the_mute(notes):
    group = make_group()
    author, reporter = join(group), join(group)
    decision = decided(reported_note(group, author, reporter), group.created_by, DecisionAction.MUTE, "Insultes",
                       mute_days=3)
    standing = read_standing(author, group)
    assert standing.is_member and standing.is_muted and standing.muted_until == decision.mute_until
    assert replace(standing, read_at=decision.mute_until - timedelta(seconds=1)).is_muted
    assert not replace(standing, read_at=decision.mute_until).is_muted


def test_a_mute_that_ended_leaves_the_member_free_to_write(notes):
    group = make_group()
    author, reporter = join(group), join(group)
    decided(reported_note(group, author, reporter), group.created_by, DecisionAction.MUTE, "Insultes",
            mute_days=1, now=timezone.now() - timedelta(days=2))
    assert not read_standing(author, group).is_muted


def test_a_removed_member_is_removed_and_not_a_member():
    group = make_group()
    standing = read_standing(removed_from(group, join(group)), group)
    assert standing.is_removed and not standing.is_member and standing.roles == frozenset()


def test_a_visitors_standing_costs_no_query(django_assert_num_queries):
    group = make_group()
    with django_assert_num_queries(0):
        standing = read_standing(AnonymousUser(), group)
        assert standing.silenced_ids == frozenset()
    assert not (standing.is_signed_in or standing.is_member or standing.is_removed) and standing.user_id is None


def test_silenced_ids_lists_whom_the_member_muted_or_blocked_read_once(django_assert_num_queries):
    group = make_group()
    member, muted, blocked, other = (join(group) for _ in range(4))
    member_mute(actor=member, member=muted)
    member_block(actor=member, member=blocked)
    standing = read_standing(member, group)
    with django_assert_num_queries(1):
        assert standing.silenced_ids == {muted.pk, blocked.pk}
        assert other.pk not in standing.silenced_ids


def test_the_facts_of_a_standing_change_when_the_standing_does():
    group = make_group()
    member = join(group)
    before = read_standing(member, group).facts()
    give_role(group, member, RoleKind.HOST)
    assert read_standing(member, group).facts() != before
    assert read_standing(UserFactory(), group).facts() != before
