"""The calendars: a listed group's public feed and a member's secret feed are RFC 5545 that
calendar programs expand into exactly the platform's occurrences, a cancelled one left out and a
moved one at its new time; the public feed holds no room and no members-only place."""

from datetime import UTC, timedelta

import icalendar
import pytest
import recurring_ical_events
from django.urls import reverse
from django.utils import timezone

from entraide.models import Visibility
from meetings.models import CalendarFeed, MeetingFormat, Recurrence
from meetings.services.calendars import calendar_feed_for, calendar_feed_reset
from meetings.services.occurrences import HORIZON, occurrence_cancel, occurrence_move
from tests.factories import UserFactory, join
from tests.queries import SESSION_QUERIES

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


def _changed_series(**overrides):
    group, planner = planned_group()
    series = weekly_series(group, planner, **overrides)
    rows = list(series.occurrences.order_by("scheduled_start"))
    occurrence_cancel(actor=planner, occurrence=rows[1], reason="Salle fermée.")
    moved_to = rows[2].starts_at + timedelta(days=1, hours=-1)
    occurrence_move(actor=planner, occurrence=rows[2], starts_at=moved_to, reason="Jour férié.")
    series.refresh_from_db()
    return group, planner, series


def _expanded(body: bytes, start, end) -> list:
    calendar = icalendar.Calendar.from_ical(body)
    return sorted(event["DTSTART"].dt.astimezone(UTC)
                  for event in recurring_ical_events.of(calendar).between(start, end))


def _platform_starts(series, start, end) -> list:
    return sorted(series.occurrences.filter(cancelled_at__isnull=True, starts_at__gte=start, starts_at__lt=end)
                  .values_list("starts_at", flat=True))


def _window(series):
    first = series.occurrences.order_by("scheduled_start").first().scheduled_start
    return first - timedelta(hours=1), timezone.now() + HORIZON


@pytest.mark.parametrize("recurrence, weekdays, week_of_month", [
    (Recurrence.WEEKLY, [1, 3], None),
    (Recurrence.FORTNIGHTLY, [1], None),
    (Recurrence.MONTHLY, [3], 2),
])
def test_the_group_feed_expanded_by_a_calendar_program_gives_exactly_the_platforms_occurrences(
        client, recurrence, weekdays, week_of_month):
    group, _planner, series = _changed_series(recurrence=recurrence, weekdays=weekdays, week_of_month=week_of_month)
    start, end = _window(series)

    response = client.get(reverse("meeting_group_calendar", args=[group.slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    expanded = [moment.replace(microsecond=0) for moment in _expanded(response.content, start, end)]
    assert expanded == _platform_starts(series, start, end)


def test_the_feed_has_the_zone_one_uid_per_series_an_exdate_an_override_and_the_series_sequence(client):
    group, _planner, series = _changed_series()

    calendar = icalendar.Calendar.from_ical(client.get(reverse("meeting_group_calendar", args=[group.slug])).content)

    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    events = calendar.walk("VEVENT")
    assert {str(event["UID"]) for event in events} == {f"{series.uid}@entraide"}
    master, override = events
    assert master["DTSTART"].dt.tzinfo.key == "Europe/Zurich" and master["DTSTART"].dt.hour == 19
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["BYDAY"] == ["TU"]
    cancelled = series.occurrences.get(cancelled_at__isnull=False)
    assert [moment.dt for moment in master["EXDATE"].dts] == [cancelled.scheduled_start]
    moved = series.occurrences.get(moved_at__isnull=False)
    assert override["RECURRENCE-ID"].dt == moved.scheduled_start
    assert override["DTSTART"].dt == moved.starts_at
    assert series.sequence == 2
    assert {event["SEQUENCE"] for event in events} == {2}


def test_a_19_00_meeting_stays_at_19_00_local_across_the_spring_change_in_the_calendar(client):
    group, planner = planned_group()
    series = weekly_series(group, planner)

    calendar = icalendar.Calendar.from_ical(client.get(reverse("meeting_group_calendar", args=[group.slug])).content)
    year_later = timezone.now() + timedelta(days=365)
    local_hours = {event["DTSTART"].dt.astimezone(series_zone(series)).hour
                   for event in recurring_ical_events.of(calendar).between(timezone.now(), year_later)}

    assert local_hours == {19}


def series_zone(series):
    from zoneinfo import ZoneInfo

    return ZoneInfo(series.time_zone)


def test_the_public_feed_shows_neither_the_room_nor_a_place_kept_for_members(client):
    group, planner = planned_group()
    weekly_series(group, planner, format=MeetingFormat.HYBRID, place="Rue du Secret 4, Lausanne")
    published = weekly_series(group, planner, title="Au café", format=MeetingFormat.IN_PERSON,
                              place="Café du Centre", place_is_public=True)

    body = client.get(reverse("meeting_group_calendar", args=[group.slug])).content.decode()

    assert "Rue du Secret" not in body
    assert "Café du Centre" in body
    assert published.room_name not in body
    assert all(series.room_name not in body for series in group.meeting_series.all())


def test_an_unlisted_group_has_no_public_feed(client):
    group, _planner = planned_group(visibility=Visibility.UNLISTED)

    assert client.get(reverse("meeting_group_calendar", args=[group.slug])).status_code == 404


def test_a_members_secret_feed_has_their_groups_meetings_with_the_place_and_the_room(client):
    group, planner = planned_group()
    series = weekly_series(group, planner, format=MeetingFormat.HYBRID, place="Rue du Secret 4, Lausanne")
    other_group, other_planner = planned_group(name="Deuil : parler de l'absence")
    elsewhere = weekly_series(other_group, other_planner, title="Ailleurs")
    member = join(group)
    feed = calendar_feed_for(actor=member)

    response = client.get(reverse("meeting_member_calendar", args=[feed.token]))

    body = icalendar.Calendar.from_ical(response.content).to_ical().decode()
    assert response["Cache-Control"] == "private, no-store"
    assert series.room_name in body.replace("\r\n ", "") and "Rue du Secret" in body
    assert elsewhere.title not in body


def test_a_reset_secret_address_stops_the_old_one_at_once(client):
    member = UserFactory()
    old = calendar_feed_for(actor=member).token

    new = calendar_feed_reset(actor=member).token

    assert new != old
    assert client.get(reverse("meeting_member_calendar", args=[old])).status_code == 404
    assert client.get(reverse("meeting_member_calendar", args=[new])).status_code == 200


def test_an_unknown_or_deleted_members_address_is_not_found(client):
    member = UserFactory()
    token = calendar_feed_for(actor=member).token
    member.deleted_at = timezone.now()
    member.save()

    assert client.get(reverse("meeting_member_calendar", args=[token])).status_code == 404
    assert client.get(reverse("meeting_member_calendar", args=["nothing-here"])).status_code == 404


def test_the_calendar_page_gives_a_webcal_link_and_resets_the_address(client):
    member = UserFactory()
    client.force_login(member)

    page = client.get(reverse("meeting_calendar"))
    token = CalendarFeed.objects.get(member=member).token
    reset = client.post(reverse("meeting_calendar"))

    assert f"webcal://testserver/meetings/calendar/{token}.ics" in page.content.decode()
    assert reset.status_code == 302
    assert CalendarFeed.objects.get(member=member).token != token


def test_the_calendar_page_asks_to_sign_in_first(client):
    assert client.get(reverse("meeting_calendar")).status_code == 302


@pytest.mark.parametrize("series_count", [1, 5])
def test_a_members_feed_takes_the_same_queries_whatever_the_number_of_series(client, django_assert_num_queries,
                                                                            series_count):
    group, planner = planned_group()
    member = join(group)
    for index in range(series_count):
        weekly_series(group, planner, title=f"Série {index}")
    token = calendar_feed_for(actor=member).token

    # The feed and its member; the series with their groups; their changed occurrences.
    with django_assert_num_queries(3):
        client.get(reverse("meeting_member_calendar", args=[token]))


def test_the_calendar_page_is_pinned_in_queries(client, django_assert_num_queries):
    member = UserFactory()
    calendar_feed_for(actor=member)
    client.force_login(member)
    client.get(reverse("meeting_calendar"))

    # Session and member; the feed; the header's notification count.
    with django_assert_num_queries(SESSION_QUERIES + 3):
        client.get(reverse("meeting_calendar"))
