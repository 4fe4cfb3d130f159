"""Members answer for themselves; a full meeting has a waiting list, served in order."""

import pytest

from entraide.errors import DomainError, NotAllowed
from meetings import permissions
from meetings.models import RsvpAnswer
from meetings.services.occurrences import occurrence_cancel
from meetings.services.rsvps import rsvp_set
from tests.factories import UserFactory, join

from .meeting_builders import planned_group, starting_soon, weekly_series

pytestmark = pytest.mark.django_db


def test_changing_ones_answer_keeps_one_answer():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    member = join(group)
    rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.GOING)
    rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.MAYBE)
    assert list(occurrence.rsvps.values_list("answer", flat=True)) == [RsvpAnswer.MAYBE]


def test_a_full_meeting_puts_the_next_people_on_a_waiting_list_and_a_freed_place_goes_to_the_first():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner, capacity=1).occurrences.first()
    seated, first_waiting, second_waiting = join(group), join(group), join(group)
    assert rsvp_set(actor=seated, occurrence=occurrence, answer=RsvpAnswer.GOING).waiting_since is None
    first = rsvp_set(actor=first_waiting, occurrence=occurrence, answer=RsvpAnswer.GOING)
    second = rsvp_set(actor=second_waiting, occurrence=occurrence, answer=RsvpAnswer.GOING)
    assert first.waiting_since and second.waiting_since
    rsvp_set(actor=seated, occurrence=occurrence, answer=RsvpAnswer.NOT_GOING)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.waiting_since is None and second.waiting_since is not None


def test_an_answer_to_a_cancelled_meeting_is_refused_and_the_earlier_one_kept():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    member = join(group)
    rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.GOING)
    occurrence_cancel(actor=planner, occurrence=occurrence, reason="Malade.")
    with pytest.raises(DomainError) as refused:
        rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.NOT_GOING)
    assert refused.value.message == permissions.CANCELLED
    assert occurrence.rsvps.get().answer == RsvpAnswer.GOING


def test_an_answer_to_a_meeting_that_has_begun_is_refused():
    group, planner = planned_group()
    occurrence = starting_soon(weekly_series(group, planner).occurrences.first(), planner, minutes=0.02)
    occurrence.starts_at = occurrence.starts_at.replace(year=occurrence.starts_at.year - 1)
    occurrence.ends_at = occurrence.ends_at.replace(year=occurrence.ends_at.year - 1)
    occurrence.save()
    with pytest.raises(DomainError) as refused:
        rsvp_set(actor=join(group), occurrence=occurrence, answer=RsvpAnswer.GOING)
    assert refused.value.message == permissions.STARTED


def test_an_unknown_answer_and_an_outsider_are_refused():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    with pytest.raises(DomainError):
        rsvp_set(actor=join(group), occurrence=occurrence, answer="perhaps")
    with pytest.raises(NotAllowed):
        rsvp_set(actor=UserFactory(), occurrence=occurrence, answer=RsvpAnswer.GOING)


def test_a_member_who_leaves_the_group_gives_up_their_places_and_jobs_in_its_coming_meetings():
    from entraide.services.groups import group_leave
    from meetings.models import MeetingRole, MeetingRoleKind, Rsvp
    from meetings.services.roles import meeting_role_take

    group, planner = planned_group()
    occurrence = weekly_series(group, planner, capacity=1).occurrences.first()
    leaving, waiting = join(group), join(group)
    rsvp_set(actor=leaving, occurrence=occurrence, answer=RsvpAnswer.GOING)
    meeting_role_take(actor=leaving, occurrence=occurrence, role=MeetingRoleKind.TIMEKEEPER)
    assert rsvp_set(actor=waiting, occurrence=occurrence, answer=RsvpAnswer.GOING).waiting_since is not None

    group_leave(actor=leaving, group=group)

    assert not Rsvp.objects.filter(member=leaving).exists()
    assert not MeetingRole.objects.filter(member=leaving).exists()
    assert Rsvp.objects.get(member=waiting).waiting_since is None
