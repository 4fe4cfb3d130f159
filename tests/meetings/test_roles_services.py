"""Any member takes on one job for one meeting; one person per job."""

import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from meetings import permissions
from meetings.models import MeetingRoleKind
from meetings.services.roles import meeting_role_leave, meeting_role_take
from tests.factories import UserFactory, join

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


def test_a_member_takes_a_free_role_and_the_next_one_is_told_it_is_taken():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    first, second = join(group), join(group)
    meeting_role_take(actor=first, occurrence=occurrence, role=MeetingRoleKind.TIMEKEEPER)
    with pytest.raises(Conflict) as refused:
        meeting_role_take(actor=second, occurrence=occurrence, role=MeetingRoleKind.TIMEKEEPER)
    assert refused.value.message == permissions.ROLE_TAKEN
    assert occurrence.roles.get().member == first


def test_only_the_holder_leaves_a_role_and_it_is_open_again():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    holder, other = join(group), join(group)
    meeting_role_take(actor=holder, occurrence=occurrence, role=MeetingRoleKind.HOST)
    with pytest.raises(DomainError):
        meeting_role_leave(actor=other, occurrence=occurrence, role=MeetingRoleKind.HOST)
    meeting_role_leave(actor=holder, occurrence=occurrence, role=MeetingRoleKind.HOST)
    assert not occurrence.roles.exists()


def test_an_outsider_and_an_unknown_role_are_refused():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    with pytest.raises(NotAllowed):
        meeting_role_take(actor=UserFactory(), occurrence=occurrence, role=MeetingRoleKind.WELCOME)
    with pytest.raises(DomainError):
        meeting_role_take(actor=join(group), occurrence=occurrence, role="moderator")
