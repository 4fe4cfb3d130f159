"""A series' rule in local time, and the UTC instants it gives.

The rule runs on naive local datetimes (a 19:00 meeting is 19:00 on every date), and each date
is then localised in the series' zone: daylight-saving changes move the UTC instant, never the
local hour. On the night of a change, a time that happens twice is taken at its first passing
(fold 0) and a time that does not exist is pushed forward by the gap, as a wall clock would."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule as rr
from django.utils.translation import gettext_lazy as _

from entraide.errors import DomainError

from .models import MAX_DURATION_MINUTES, MeetingSeries, Recurrence

WEEKDAYS = (rr.MO, rr.TU, rr.WE, rr.TH, rr.FR, rr.SA, rr.SU)
WEEKS_OF_MONTH = (1, 2, 3, 4, -1)

UNKNOWN_ZONE = _("Ce fuseau horaire n'existe pas. Choisissez-en un de la liste, par exemple Europe/Zurich.")
NO_WEEKDAY = _("Choisissez au moins un jour de la semaine.")
BAD_WEEKDAY = _("Ce jour de la semaine n'existe pas.")
ONE_WEEKDAY_A_MONTH = _("Une rencontre mensuelle a lieu un seul jour de la semaine.")
BAD_WEEK_OF_MONTH = _("Choisissez la semaine du mois : la 1re, la 2e, la 3e, la 4e ou la dernière.")
BAD_DURATION = _("La durée doit être comprise entre 1 minute et 12 heures.")
ENDS_BEFORE_START = _("La dernière date ne peut pas précéder la première.")
TIME_IN_GAP = _(
    "Cette heure n'existe pas le premier jour : les horloges sont avancées d'une heure cette nuit-là. "
    "Choisissez une autre heure ou un autre premier jour."
)
NO_DATE = _("Aucune rencontre ne tombe entre la première et la dernière date : élargissez la période.")


def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise DomainError(UNKNOWN_ZONE) from None


def exists_locally(moment: datetime, zone: ZoneInfo) -> bool:
    """False for a wall-clock time skipped by a daylight-saving change (the spring gap)."""
    there = moment.replace(tzinfo=zone)
    back = there.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return back == moment


def localise(moment: datetime, zone: ZoneInfo) -> datetime:
    """A naive local time as an aware UTC instant (fold 0; a time in the gap moves forward)."""
    return moment.replace(tzinfo=zone, fold=0).astimezone(UTC)


def _rule(*, recurrence, weekdays, week_of_month, starts_on, ends_on, start_time) -> rr.rrule:
    dtstart = datetime.combine(starts_on, start_time)
    until = datetime.combine(ends_on, time(23, 59)) if ends_on else None
    if recurrence == Recurrence.ONCE:
        return rr.rrule(rr.DAILY, dtstart=dtstart, count=1)
    if recurrence == Recurrence.MONTHLY:
        weekday = WEEKDAYS[weekdays[0]](week_of_month)
        return rr.rrule(rr.MONTHLY, dtstart=dtstart, until=until, byweekday=weekday)
    interval = 2 if recurrence == Recurrence.FORTNIGHTLY else 1
    return rr.rrule(rr.WEEKLY, dtstart=dtstart, until=until, interval=interval,
                    byweekday=[WEEKDAYS[day] for day in weekdays])


def rule_for(series: MeetingSeries) -> rr.rrule:
    return _rule(recurrence=series.recurrence, weekdays=series.weekdays, week_of_month=series.week_of_month,
                 starts_on=series.starts_on, ends_on=series.ends_on, start_time=series.start_time)


def scheduled_starts(series: MeetingSeries, *, after: datetime, before: datetime) -> list[datetime]:
    """The rule's starts in [after, before), as aware UTC instants."""
    zone = zone_of(series.time_zone)
    # Widen the local window by a day on each side: the UTC bounds are compared exactly below.
    local_after = after.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    local_before = before.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
    starts = (localise(moment, zone) for moment in rule_for(series).between(local_after, local_before, inc=True))
    return [start for start in starts if after <= start < before]


def check_rule(*, recurrence, weekdays, week_of_month, starts_on: date, ends_on: date | None, start_time: time,
               duration_minutes: int, time_zone: str) -> None:
    """Raise DomainError with the member's message when the rule cannot be met as written."""
    zone = zone_of(time_zone)
    if not duration_minutes or not 0 < duration_minutes <= MAX_DURATION_MINUTES:
        raise DomainError(BAD_DURATION)
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(ENDS_BEFORE_START)
    if recurrence != Recurrence.ONCE:
        if not weekdays:
            raise DomainError(NO_WEEKDAY)
        if any(not isinstance(day, int) or not 0 <= day <= 6 for day in weekdays):
            raise DomainError(BAD_WEEKDAY)
    if recurrence == Recurrence.MONTHLY:
        if len(weekdays) != 1:
            raise DomainError(ONE_WEEKDAY_A_MONTH)
        if week_of_month not in WEEKS_OF_MONTH:
            raise DomainError(BAD_WEEK_OF_MONTH)
    if not exists_locally(datetime.combine(starts_on, start_time), zone):
        raise DomainError(TIME_IN_GAP)
    rule = _rule(recurrence=recurrence, weekdays=weekdays, week_of_month=week_of_month, starts_on=starts_on,
                 ends_on=ends_on, start_time=start_time)
    if rule.after(datetime.combine(starts_on, start_time), inc=True) is None:
        raise DomainError(NO_DATE)
