"""One occurrence is cancelled or moved, with a reason, without touching the others; members
going are told, and calendars learn of it through the series' sequence."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotAllowed
from meetings.models import RsvpAnswer
from meetings.services import occurrences as occurrence_services
from meetings.services.rsvps import rsvp_set
from notifications.models import Notification
from tests.factories import join

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


def test_cancelling_one_date_keeps_the_others_and_tells_those_going(django_capture_on_commit_callbacks):
    group, planner = planned_group()
    series = weekly_series(group, planner)
    first, second = series.occurrences.all()[:2]
    going, undecided = join(group), join(group)
    rsvp_set(actor=going, occurrence=first, answer=RsvpAnswer.GOING)
    rsvp_set(actor=undecided, occurrence=first, answer=RsvpAnswer.MAYBE)
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_services.occurrence_cancel(actor=planner, occurrence=first, reason="Salle indisponible.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_cancelled and first.cancel_reason == "Salle indisponible."
    assert not second.is_cancelled
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [going.pk]
    series.refresh_from_db()
    assert series.sequence == 1


def test_a_cancellation_needs_a_reason_and_happens_once():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    with pytest.raises(DomainError) as refused:
        occurrence_services.occurrence_cancel(actor=planner, occurrence=occurrence, reason="  ")
    assert refused.value.message == occurrence_services.REASON_NEEDED
    occurrence_services.occurrence_cancel(actor=planner, occurrence=occurrence, reason="Vacances.")
    with pytest.raises(Conflict):
        occurrence_services.occurrence_cancel(actor=planner, occurrence=occurrence, reason="Encore.")


def test_moving_a_date_keeps_its_identity_and_length(django_capture_on_commit_callbacks):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    going = join(group)
    rsvp_set(actor=going, occurrence=occurrence, answer=RsvpAnswer.GOING)
    scheduled, length = occurrence.scheduled_start, occurrence.ends_at - occurrence.starts_at
    new_start = occurrence.starts_at + timedelta(days=1, hours=-1)
    with django_capture_on_commit_callbacks(execute=True):
        moved = occurrence_services.occurrence_move(actor=planner, occurrence=occurrence, starts_at=new_start,
                                                    reason="Jour férié.")
    assert moved.scheduled_start == scheduled and moved.starts_at == new_start
    assert moved.ends_at - moved.starts_at == length and moved.is_moved
    assert Notification.objects.filter(recipient=going).count() == 1
    assert occurrence_services.occurrences_extend(series=moved.series) == 0


def test_a_date_cannot_be_moved_into_the_past():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    with pytest.raises(DomainError) as refused:
        occurrence_services.occurrence_move(actor=planner, occurrence=occurrence, reason="Hier.",
                                            starts_at=timezone.now() - timedelta(hours=1))
    assert refused.value.message == occurrence_services.MOVE_TO_FUTURE


def test_a_member_without_a_role_may_not_cancel_or_move():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    member = join(group)
    with pytest.raises(NotAllowed):
        occurrence_services.occurrence_cancel(actor=member, occurrence=occurrence, reason="Non.")
    with pytest.raises(NotAllowed):
        occurrence_services.occurrence_move(actor=member, occurrence=occurrence, reason="Non.",
                                            starts_at=occurrence.starts_at + timedelta(hours=1))
