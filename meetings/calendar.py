"""Meetings as RFC 5545 calendars, built with icalendar.

One VEVENT per series under the series' stable UID, its start in the series' own zone (with
the VTIMEZONE it needs) and an RRULE written from the rule the facilitators chose, so that a
calendar keeps a 19:00 meeting at 19:00 across daylight-saving changes. A cancelled occurrence
is an EXDATE of its scheduled start; a moved one an override carrying the same UID and the
scheduled start as its RECURRENCE-ID. SEQUENCE is the series' count of changes.

What a calendar shows depends on who reads it: the public feed of a listed group has neither
the room nor a place kept for members; a member's secret feed has both."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .jitsi import room_url
from .models import MeetingFormat, MeetingSeries, Occurrence, Recurrence
from .recurrence import rule_for

PRODID = "-//Entraide//Rencontres//FR"
# dateutil's weekday numbers (Monday = 0) as RFC 5545 writes them.
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _zone(series: MeetingSeries) -> ZoneInfo:
    return ZoneInfo(series.time_zone)


def _local(moment: datetime, series: MeetingSeries) -> datetime:
    return moment.astimezone(_zone(series))


def series_rrule(series: MeetingSeries) -> dict | None:
    """The series' rule as an RRULE value; None for a one-off meeting."""
    if series.recurrence == Recurrence.ONCE:
        return None
    days = [ICAL_DAYS[day] for day in sorted(series.weekdays)]
    if series.recurrence == Recurrence.MONTHLY:
        rule = {"freq": "monthly", "byday": [f"{series.week_of_month}{days[0]}"]}
    else:
        rule = {"freq": "weekly", "byday": days, "wkst": "MO"}
        if series.recurrence == Recurrence.FORTNIGHTLY:
            rule["interval"] = 2
    until = _until(series)
    if until is not None:
        # With a zoned DTSTART, RFC 5545 wants UNTIL in UTC.
        rule["until"] = until.astimezone(ZoneInfo("UTC"))
    return rule


def _until(series: MeetingSeries) -> datetime | None:
    ends = None
    if series.ends_on is not None:
        ends = datetime.combine(series.ends_on, time(23, 59), tzinfo=_zone(series))
    if series.ended_at is not None and (ends is None or series.ended_at < ends):
        ends = series.ended_at
    return ends


def first_start(series: MeetingSeries) -> datetime:
    """The rule's first start, in the series' zone: DTSTART must be an instance of the RRULE."""
    first = next(iter(rule_for(series)), None)
    if first is None:
        first = datetime.combine(series.starts_on, series.start_time)
    return first.replace(tzinfo=_zone(series))


def _fill(event: icalendar.Event, series: MeetingSeries, *, private: bool, join_url: str | None,
          page_url: str) -> None:
    event.add("summary", f"{series.title} · {series.group.name}")
    lines = [series.description] if series.description else []
    if private and join_url:
        lines.append(join_url)
    lines.append(page_url)
    event.add("description", "\n\n".join(lines))
    event.add("url", page_url)
    where = []
    if series.format != MeetingFormat.ONLINE and series.place and (private or series.place_is_public):
        where.append(series.place)
    if private and join_url and series.format != MeetingFormat.IN_PERSON:
        where.append(join_url)
    if where:
        event.add("location", " · ".join(where))
    event.add("sequence", series.sequence)
    event.add("dtstamp", series.updated_at)
    event.add("last-modified", series.updated_at)


def _uid(series: MeetingSeries) -> str:
    return f"{series.uid}@entraide"


def series_events(series: MeetingSeries, occurrences, *, private: bool, page_url: str,
                  join_url: str | None = None) -> list[icalendar.Event]:
    """The series' VEVENT and one override per moved occurrence. `occurrences` are the
    series' rows (those cancelled or moved matter here)."""
    duration = timedelta(minutes=series.duration_minutes)
    master = icalendar.Event()
    master.add("uid", _uid(series))
    start = first_start(series)
    master.add("dtstart", start)
    master.add("dtend", start + duration)
    rule = series_rrule(series)
    if rule is not None:
        master.add("rrule", rule)
        cancelled = sorted(_local(row.scheduled_start, series) for row in occurrences if row.is_cancelled)
        for moment in cancelled:
            master.add("exdate", moment)
    _fill(master, series, private=private, join_url=join_url, page_url=page_url)
    events = [master]
    if rule is None:
        # A one-off meeting is its only occurrence: cancelled, it leaves the calendar; moved, it
        # simply starts elsewhen.
        only = next(iter(occurrences), None)
        if only is not None and only.is_cancelled:
            return []
        if only is not None and only.is_moved:
            master.pop("dtstart")
            master.pop("dtend")
            master.add("dtstart", _local(only.starts_at, series))
            master.add("dtend", _local(only.ends_at, series))
        return events
    for row in occurrences:
        if row.is_moved and not row.is_cancelled:
            override = icalendar.Event()
            override.add("uid", _uid(series))
            override.add("recurrence-id", _local(row.scheduled_start, series))
            override.add("dtstart", _local(row.starts_at, series))
            override.add("dtend", _local(row.ends_at, series))
            _fill(override, series, private=private, join_url=join_url, page_url=page_url)
            events.append(override)
    return events


def new_calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def calendar_bytes(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def occurrence_calendar(occurrence: Occurrence, *, page_url: str, join_url: str | None) -> bytes:
    """One occurrence as it stands, for a reminder's attachment: its own UID (stable for this
    occurrence, so that a second reminder updates the event a first one added)."""
    series = occurrence.series
    calendar = new_calendar(series.title)
    event = icalendar.Event()
    event.add("uid", f"{series.uid}-{occurrence.scheduled_start.astimezone(ZoneInfo('UTC')):%Y%m%dT%H%M%SZ}@entraide")
    event.add("dtstart", _local(occurrence.starts_at, series))
    event.add("dtend", _local(occurrence.ends_at, series))
    _fill(event, series, private=True, join_url=join_url, page_url=page_url)
    event["dtstamp"] = icalendar.vDDDTypes(timezone.now())
    calendar.add_component(event)
    return calendar_bytes(calendar)


# --- The feeds ---------------------------------------------------------------------------------

def _series_with_changes(queryset):
    changed = Occurrence.objects.filter(Q(cancelled_at__isnull=False) | Q(moved_at__isnull=False))
    return (queryset.select_related("group")
            .prefetch_related(Prefetch("occurrences", queryset=changed, to_attr="changed_occurrences"))
            .order_by("pk"))


def group_calendar(group) -> bytes:
    """The public calendar of a listed group: times and titles, a place only if the group
    published it, never the room. Its link is the group's public page."""
    calendar = new_calendar(group.name)
    page_url = settings.SITE_URL + group.get_absolute_url()
    for series in _series_with_changes(MeetingSeries.objects.filter(group=group)):
        for event in series_events(series, series.changed_occurrences, private=False, page_url=page_url):
            calendar.add_component(event)
    return calendar_bytes(calendar)


def member_calendar(member) -> bytes:
    """A member's secret calendar: the meetings of every group they belong to, with the place
    and the room's address."""
    calendar = new_calendar(_("Mes rencontres · %(site)s") % {"site": settings.SITE_NAME})
    queryset = MeetingSeries.objects.filter(group__memberships__user=member)
    for series in _series_with_changes(queryset):
        page_url = settings.SITE_URL + reverse("meeting_list", args=[series.group.slug])
        join_url = room_url(series) if series.format != MeetingFormat.IN_PERSON else None
        for event in series_events(series, series.changed_occurrences, private=True, page_url=page_url,
                                   join_url=join_url):
            calendar.add_component(event)
    return calendar_bytes(calendar)
