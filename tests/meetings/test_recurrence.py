"""The rule runs on local time: a meeting keeps its local hour across daylight-saving changes,
and a rule that cannot be met as written is refused with the member's message."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from entraide.errors import DomainError
from meetings import recurrence
from meetings.models import MeetingSeries, Recurrence

ZURICH = ZoneInfo("Europe/Zurich")


def series(**fields) -> MeetingSeries:
    values = {"recurrence": Recurrence.WEEKLY, "weekdays": [1], "starts_on": date(2026, 1, 6), "start_time": time(19, 0),
                  "duration_minutes": 90, "time_zone": "Europe/Zurich"}
    values.update(fields)
    return MeetingSeries(**values)


def rule(**fields) -> dict:
    values = {"recurrence": Recurrence.WEEKLY, "weekdays": [1], "week_of_month": None, "starts_on": date(2026, 1, 6),
                  "ends_on": None, "start_time": time(19, 0), "duration_minutes": 90, "time_zone": "Europe/Zurich"}
    values.update(fields)
    return values


def test_a_weekly_tuesday_meeting_stays_at_19_00_in_zurich_for_a_year_across_both_changes():
    starts = recurrence.scheduled_starts(series(), after=datetime(2026, 1, 1, tzinfo=UTC),
                                         before=datetime(2027, 1, 1, tzinfo=UTC))
    local = [start.astimezone(ZURICH) for start in starts]
    assert len(starts) == 52
    assert {(moment.hour, moment.minute, moment.weekday()) for moment in local} == {(19, 0, 1)}
    # Winter is UTC+1, summer UTC+2: the UTC hour follows the clocks, the local one does not.
    by_date = {moment.date(): start for moment, start in zip(local, starts)}
    assert by_date[date(2026, 3, 24)].hour == 18
    assert by_date[date(2026, 3, 31)].hour == 17
    assert by_date[date(2026, 10, 20)].hour == 17
    assert by_date[date(2026, 10, 27)].hour == 18
    assert all(start.tzinfo is UTC for start in starts)


def test_a_monthly_second_thursday_meeting_is_on_the_second_thursday_for_24_months():
    monthly = series(recurrence=Recurrence.MONTHLY, weekdays=[3], week_of_month=2, starts_on=date(2026, 1, 1))
    starts = recurrence.scheduled_starts(monthly, after=datetime(2026, 1, 1, tzinfo=UTC),
                                         before=datetime(2028, 1, 1, tzinfo=UTC))
    local = [start.astimezone(ZURICH) for start in starts]
    assert len(local) == 24
    for moment in local:
        assert moment.weekday() == 3 and 8 <= moment.day <= 14 and (moment.hour, moment.minute) == (19, 0)
    assert [moment.month for moment in local[:12]] == list(range(1, 13))


def test_a_fortnightly_series_meets_every_other_week_and_a_one_off_once():
    fortnightly = recurrence.scheduled_starts(series(recurrence=Recurrence.FORTNIGHTLY),
                                              after=datetime(2026, 1, 1, tzinfo=UTC),
                                              before=datetime(2026, 2, 28, tzinfo=UTC))
    assert [start.astimezone(ZURICH).day for start in fortnightly] == [6, 20, 3, 17]
    once = recurrence.scheduled_starts(series(recurrence=Recurrence.ONCE, weekdays=[]),
                                       after=datetime(2026, 1, 1, tzinfo=UTC), before=datetime(2027, 1, 1, tzinfo=UTC))
    assert once == [datetime(2026, 1, 6, 18, 0, tzinfo=UTC)]


def test_the_last_date_ends_the_rule_on_that_day():
    ending = series(ends_on=date(2026, 1, 20))
    starts = recurrence.scheduled_starts(ending, after=datetime(2026, 1, 1, tzinfo=UTC),
                                         before=datetime(2027, 1, 1, tzinfo=UTC))
    assert len(starts) == 3


@pytest.mark.parametrize(("fields", "message"), [
    ({"time_zone": "Europe/Atlantis"}, recurrence.UNKNOWN_ZONE),
    ({"time_zone": "../../etc/passwd"}, recurrence.UNKNOWN_ZONE),
    ({"starts_on": date(2026, 3, 29), "weekdays": [6], "start_time": time(2, 30)}, recurrence.TIME_IN_GAP),
    ({"duration_minutes": 0}, recurrence.BAD_DURATION),
    ({"duration_minutes": 12 * 60 + 1}, recurrence.BAD_DURATION),
    ({"weekdays": []}, recurrence.NO_WEEKDAY),
    ({"weekdays": [7]}, recurrence.BAD_WEEKDAY),
    ({"recurrence": Recurrence.MONTHLY, "weekdays": [3], "week_of_month": 6}, recurrence.BAD_WEEK_OF_MONTH),
    ({"recurrence": Recurrence.MONTHLY, "weekdays": [1, 3], "week_of_month": 2}, recurrence.ONE_WEEKDAY_A_MONTH),
    ({"ends_on": date(2026, 1, 1)}, recurrence.ENDS_BEFORE_START),
    ({"weekdays": [0], "ends_on": date(2026, 1, 7)}, recurrence.NO_DATE),
])
def test_a_rule_that_cannot_be_met_is_refused_with_its_message(fields, message):
    with pytest.raises(DomainError) as refused:
        recurrence.check_rule(**rule(**fields))
    assert refused.value.message == message


def test_twelve_hours_and_a_time_that_exists_twice_are_fine():
    recurrence.check_rule(**rule(duration_minutes=12 * 60))
    # 02:30 on the last Sunday of October happens twice in Zurich: the first is taken.
    recurrence.check_rule(**rule(starts_on=date(2026, 10, 25), weekdays=[6], start_time=time(2, 30)))
    autumn = series(starts_on=date(2026, 10, 25), weekdays=[6], start_time=time(2, 30))
    first = recurrence.scheduled_starts(autumn, after=datetime(2026, 10, 24, tzinfo=UTC),
                                        before=datetime(2026, 10, 26, tzinfo=UTC))
    assert first == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]


def test_a_later_date_in_the_spring_gap_moves_forward_like_a_wall_clock():
    early = series(starts_on=date(2026, 3, 22), weekdays=[6], start_time=time(2, 30))
    starts = recurrence.scheduled_starts(early, after=datetime(2026, 3, 28, tzinfo=UTC),
                                         before=datetime(2026, 3, 30, tzinfo=UTC))
    assert [start.astimezone(ZURICH).time() for start in starts] == [time(3, 30)]
