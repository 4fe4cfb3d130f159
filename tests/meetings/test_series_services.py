"""Series are planned by the group's role holders and their creator; their occurrences exist a
horizon ahead, and a change of rule keeps what members already answered."""

from datetime import date, time, timedelta

import pytest

from entraide.errors import DomainError, NotAllowed
from meetings.models import MeetingRoleKind, Occurrence, Recurrence, RsvpAnswer
from meetings.services import series as series_services
from meetings.services.occurrences import HORIZON, occurrences_extend
from meetings.services.roles import meeting_role_take
from meetings.services.rsvps import rsvp_set
from meetings.tasks import extend_horizons
from tests.factories import join

from .meeting_builders import NOW, planned_group, weekly_series

pytestmark = pytest.mark.django_db


def _arguments(series, **changes):
    names = ("title", "description", "kind", "recurrence", "weekdays", "week_of_month", "starts_on", "ends_on",
             "start_time", "duration_minutes", "time_zone", "format", "place", "place_is_public", "capacity",
             "language", "newcomers_welcome")
    values = {name: getattr(series, name) for name in names}
    values.update(changes)
    return values


def test_a_new_series_has_its_occurrences_up_to_the_horizon_and_a_random_room():
    group, planner = planned_group()
    series = weekly_series(group, planner, now=NOW)
    starts = list(series.occurrences.values_list("starts_at", flat=True))
    assert len(starts) == 17
    assert max(starts) < NOW + HORIZON
    assert len(series.room_name) == 32 and series.room_name.isalnum() and series.room_name.islower()
    assert series.created_by == planner


def test_extending_twice_adds_nothing_and_the_daily_task_moves_the_horizon_on():
    group, planner = planned_group()
    series = weekly_series(group, planner, now=NOW)
    assert occurrences_extend(series=series, now=NOW) == 0
    assert occurrences_extend(series=series, now=NOW + timedelta(days=7)) == 1
    assert extend_horizons.call() >= 0
    assert Occurrence.objects.filter(series=series).count() >= 18


def test_a_member_without_a_role_may_not_create_a_series():
    group, _ = planned_group()
    member = join(group)
    with pytest.raises(NotAllowed):
        weekly_series(group, member, now=NOW)


def test_a_place_is_needed_for_a_meeting_in_person():
    group, planner = planned_group()
    with pytest.raises(DomainError) as refused:
        weekly_series(group, planner, now=NOW, format="in_person")
    assert refused.value.message == series_services.PLACE_NEEDED


def test_changing_the_hour_moves_the_empty_dates_and_cancels_the_answered_ones():
    group, planner = planned_group()
    series = weekly_series(group, planner)
    member = join(group)
    answered, empty = series.occurrences.all()[:2]
    rsvp_set(actor=member, occurrence=answered, answer=RsvpAnswer.GOING)
    before = series.sequence
    series_services.series_update(actor=planner, series=series, **_arguments(series, start_time=time(18, 30)))
    answered.refresh_from_db()
    assert answered.is_cancelled and answered.cancel_reason == series_services.SCHEDULE_CHANGED_REASON
    assert not Occurrence.objects.filter(pk=empty.pk).exists()
    coming = series.occurrences.filter(cancelled_at__isnull=True)
    assert {occurrence.starts_at.astimezone(answered.starts_at.tzinfo).minute for occurrence in coming} == {30}
    series.refresh_from_db()
    assert series.sequence == before + 1


def test_a_capacity_below_those_already_going_is_refused_and_nothing_changes():
    group, planner = planned_group()
    series = weekly_series(group, planner)
    occurrence = series.occurrences.first()
    for _ in range(3):
        rsvp_set(actor=join(group), occurrence=occurrence, answer=RsvpAnswer.GOING)
    with pytest.raises(DomainError) as refused:
        series_services.series_update(actor=planner, series=series, **_arguments(series, capacity=2, title="Autre"))
    assert "3" in str(refused.value.message)
    series.refresh_from_db()
    assert series.capacity is None and series.title == "Groupe du mardi"


def test_raising_the_capacity_gives_places_to_the_waiting_list():
    group, planner = planned_group()
    series = weekly_series(group, planner, capacity=1)
    occurrence = series.occurrences.first()
    rsvp_set(actor=join(group), occurrence=occurrence, answer=RsvpAnswer.GOING)
    waiting = rsvp_set(actor=join(group), occurrence=occurrence, answer=RsvpAnswer.GOING)
    assert waiting.waiting_since is not None
    series_services.series_update(actor=planner, series=series, **_arguments(series, capacity=2))
    waiting.refresh_from_db()
    assert waiting.waiting_since is None


def test_the_creator_plans_the_series_even_after_handing_on_every_role():
    group, planner = planned_group()
    series = weekly_series(group, planner)
    other = join(group)
    with pytest.raises(NotAllowed):
        series_services.series_update(actor=other, series=series, **_arguments(series, title="À moi"))


def test_ending_a_series_cancels_its_coming_dates_and_keeps_what_was_said():
    group, planner = planned_group()
    series = weekly_series(group, planner)
    member = join(group)
    occurrence = series.occurrences.first()
    meeting_role_take(actor=member, occurrence=occurrence, role=MeetingRoleKind.WELCOME)
    series_services.series_end(actor=planner, series=series)
    series.refresh_from_db()
    assert series.ended_at is not None and series.ends_on >= series.starts_on
    assert not series.occurrences.filter(cancelled_at__isnull=True).exists()
    assert occurrence.roles.get().member == member
    with pytest.raises(NotAllowed):
        series_services.series_room_rotate(actor=planner, series=series)


def test_rotating_the_room_gives_a_new_name_and_raises_the_sequence():
    group, planner = planned_group()
    series = weekly_series(group, planner)
    old_name, old_sequence = series.room_name, series.sequence
    rotated = series_services.series_room_rotate(actor=planner, series=series)
    assert rotated.room_name != old_name and len(rotated.room_name) == 32
    assert rotated.sequence == old_sequence + 1


def test_a_monthly_series_created_through_the_service_meets_on_its_nth_weekday():
    group, planner = planned_group()
    series = weekly_series(group, planner, now=NOW, recurrence=Recurrence.MONTHLY, weekdays=[3], week_of_month=-1,
                           starts_on=date(2026, 1, 1))
    days = [occurrence.starts_at.date() for occurrence in series.occurrences.all()]
    assert days == [date(2026, 1, 29), date(2026, 2, 26), date(2026, 3, 26), date(2026, 4, 30)]
