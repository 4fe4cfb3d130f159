"""Members' time zones: IANA names as zoneinfo knows them, and the zone a member reads in.

Every page is rendered in the signed-in member's zone (entraide.middleware.MemberTimeZoneMiddleware
activates it, so Django's `date` and `time` filters convert to it); mail and anything else made
outside a request says which zone it uses through `reading_zone`."""

from functools import cache
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "Europe/Zurich"
TIME_ZONE_MAX_LENGTH = 64
UNKNOWN_TIME_ZONE = _("« %(value)s » n'est pas un fuseau horaire connu. "
                      "Choisissez-en un de la liste, par exemple Europe/Zurich.")


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every zone name zoneinfo has here (system data or the tzdata package), sorted."""
    from zoneinfo import available_timezones

    return tuple(sorted(available_timezones()))


def is_time_zone(name) -> bool:
    return isinstance(name, str) and name in _known()


@cache
def _known() -> frozenset[str]:
    return frozenset(time_zone_names())


def validate_time_zone(value) -> None:
    if not is_time_zone(value):
        raise ValidationError(UNKNOWN_TIME_ZONE, code="unknown_time_zone", params={"value": value})


def zone_of_member(user) -> ZoneInfo:
    """The member's own zone; the site's for visitors (and for a stored name zoneinfo lost)."""
    name = getattr(user, "time_zone", "") if getattr(user, "is_authenticated", False) else ""
    if is_time_zone(name):
        return ZoneInfo(name)
    return timezone.get_default_timezone()


def reading_zone(user):
    """`with reading_zone(member):` renders times for that member, as a page would."""
    return timezone.override(zone_of_member(user))
