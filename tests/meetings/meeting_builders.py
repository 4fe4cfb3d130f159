"""Meeting series built through the services, for the meetings tests."""

from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from meetings.models import MeetingFormat, Recurrence
from meetings.services.occurrences import occurrence_move
from meetings.services.series import series_create
from tests.factories import UserFactory, make_group

# A Thursday: the week's Tuesday meetings are five days ahead.
NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def planned_group(**fields):
    """A group and its creator, who holds the group's roles and so plans its meetings."""
    planner = UserFactory()
    return make_group(planner, **fields), planner


def weekly_series(group, planner, *, now=None, **overrides):
    """Tuesdays at 19:00 in Zurich, online, from the Tuesday after `now` (or today)."""
    today = (now or timezone.now()).date()
    arguments = {
        "title": "Groupe du mardi", "recurrence": Recurrence.WEEKLY, "weekdays": [1], "starts_on": today,
        "start_time": time(19, 0), "duration_minutes": 90, "time_zone": "Europe/Zurich", "format": MeetingFormat.ONLINE,
    }
    arguments.update(overrides)
    return series_create(actor=planner, group=group, now=now, **arguments)


def starting_soon(occurrence, planner, *, minutes=10):
    """Move an occurrence to start in a few minutes: inside its join window."""
    return occurrence_move(actor=planner, occurrence=occurrence, reason="Plus tôt cette semaine.",
                           starts_at=timezone.now() + timedelta(minutes=minutes))


def first_tuesday_after(day: date) -> date:
    return day + timedelta(days=(1 - day.weekday()) % 7)
