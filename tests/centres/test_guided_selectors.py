"""A professionally guided group handing its leadership to its members: which functions
members hold, and the share of the last three months' meetings a member facilitated."""

from datetime import timedelta

import pytest
from django.utils import timezone

from centres.selectors.guided import guided_leadership
from entraide.models import GroupKind
from meetings.services.roles import meeting_role_take
from moderation.services.proposals import proposal_settle_due
from moderation.services.roles import group_functions_set, role_hand_on
from tests.factories import UserFactory, join, make_group
from tests.meetings.meeting_builders import weekly_series

pytestmark = pytest.mark.django_db


def guided_group():
    professional = UserFactory(pseudonym="Pro")
    group = make_group(professional, name="Proches aidants, groupe accompagné", kind=GroupKind.PROFESSIONAL)
    return group, professional


def functions(group):
    return {function.role: function for function in guided_leadership(group).functions}


def test_a_self_managed_group_has_no_hand_over():
    assert guided_leadership(make_group()) is None


def test_at_first_the_professional_holds_every_function_and_the_optional_ones_come_when_chosen():
    group, professional = guided_group()
    assert list(functions(group)) == ["welcome", "host", "timekeeper"]
    assert all(f.held_by_professional and not f.held_by_members for f in functions(group).values())
    group_functions_set(actor=professional, group=group, logistics=True, speakers=True)
    assert list(functions(group)) == ["welcome", "logistics", "host", "timekeeper", "speakers"]


def test_a_function_handed_on_is_in_consultation_then_held_by_a_member():
    group, professional = guided_group()
    member = join(group, UserFactory(pseudonym="Iris"))
    proposal = role_hand_on(actor=professional, group=group, role="timekeeper", to_member=member)
    assert functions(group)["timekeeper"].handing_to == "Iris"
    proposal_settle_due(group=group, now=proposal.decides_at + timedelta(minutes=1))
    later = guided_leadership(group, now=proposal.decides_at + timedelta(minutes=2))
    timekeeping = next(f for f in later.functions if f.role == "timekeeper")
    assert timekeeping.held_by_members and not timekeeping.held_by_professional
    assert later.functions_held_by_members == 1


def test_the_share_counts_the_meetings_held_in_the_last_three_months_a_member_facilitated():
    group, professional = guided_group()
    member = join(group)
    started = timezone.now() - timedelta(days=50)
    series = weekly_series(group, professional, now=started)
    held = list(series.occurrences.filter(starts_at__lt=timezone.now()).order_by("starts_at"))
    assert len(held) >= 4
    for occurrence, host in zip(held, (member, member, professional)):
        meeting_role_take(actor=host, occurrence=occurrence, role="host",
                          now=occurrence.starts_at - timedelta(days=1))
    leadership = guided_leadership(group)
    assert leadership.meetings_held == len(held)
    assert leadership.facilitated_by_members == 2
    assert leadership.share_percent == round(200 / len(held))


def test_with_no_meeting_held_there_is_no_share_to_show():
    group, _professional = guided_group()
    assert guided_leadership(group).share_percent is None


def test_the_hand_over_is_read_in_a_fixed_number_of_queries(django_assert_num_queries):
    group, professional = guided_group()
    for _ in range(3):
        join(group)
    with django_assert_num_queries(6):
        guided_leadership(group)
