"""The Meeting Guide feed (code4recovery's Meeting Guide API): the weekly meetings of listed
groups, as meeting finders read them.

What it gives away is what a listed group shows anyone: a title, a weekly time and zone, the
languages, whether newcomers are welcome and whether anyone may join. `conference_url` is the
group's public page (never the room: the room is for members); an in-person place appears as
the group's region only, unless the group published it."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation

from entraide.models import JoinPolicy, Visibility

from .models import MeetingFormat, MeetingSeries, Recurrence

# The platform's languages as Meeting Guide's type codes.
LANGUAGE_TYPES = {"fr": "FR", "de": "DE", "en": "EN", "it": "ITA"}
NEWCOMERS = "BE"
OPEN, CLOSED = "O", "C"
SLUG_MAX_LENGTH = 64


def _hours(moment) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _day(weekdays: list[int]):
    # Monday = 0 here; Sunday = 0 in Meeting Guide.
    days = sorted((day + 1) % 7 for day in weekdays)
    return days[0] if len(days) == 1 else days


def meeting_entry(series: MeetingSeries) -> dict:
    group = series.group
    start = datetime.combine(series.starts_on, series.start_time)
    types = [LANGUAGE_TYPES[series.language]] if series.language in LANGUAGE_TYPES else []
    if series.newcomers_welcome:
        types.append(NEWCOMERS)
    types.append(OPEN if group.join_policy == JoinPolicy.OPEN else CLOSED)
    page = settings.SITE_URL + group.get_absolute_url()
    with translation.override(series.language):
        region = group.region.name
    entry = {
        "name": series.title,
        "slug": f"{series.pk}-{group.slug}"[:SLUG_MAX_LENGTH],
        "day": _day(series.weekdays),
        "time": _hours(start),
        "end_time": _hours(start + timedelta(minutes=series.duration_minutes)),
        "timezone": series.time_zone,
        "types": types,
        "region": region,
        "updated": series.updated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "url": page,
        "group": group.name,
    }
    if series.format != MeetingFormat.ONLINE and series.place_is_public and series.place:
        entry["location"] = series.place
    if series.format != MeetingFormat.IN_PERSON:
        entry["conference_url"] = page
    return entry


def weekly_series(today=None):
    today = today or timezone.localdate()
    return (MeetingSeries.objects.filter(recurrence=Recurrence.WEEKLY, ended_at__isnull=True,
                                         group__visibility=Visibility.LISTED)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .select_related("group__region").order_by("pk"))


def feed() -> list[dict]:
    return [meeting_entry(series) for series in weekly_series()]

