"""Flood control: how often one member may post, write in the chat or report.

Counts live in Django's cache (Redis in production, shared by every process; local memory
otherwise), in fixed one-minute and one-hour windows. Accounts younger than a day get
stricter limits: a new account flooding a group is the usual shape of spam."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError

NEW_ACCOUNT_AGE = timedelta(days=1)
MINUTE = 60
HOUR = 3600


@dataclass(frozen=True)
class Limit:
    per_minute: int
    per_hour: int
    new_per_minute: int
    new_per_hour: int


LIMITS = {
    "post": Limit(per_minute=5, per_hour=60, new_per_minute=2, new_per_hour=10),
    "message": Limit(per_minute=20, per_hour=400, new_per_minute=8, new_per_hour=60),
    "report": Limit(per_minute=5, per_hour=30, new_per_minute=2, new_per_hour=6),
}


class SlowDown(DomainError):
    """Too many actions in a short time. `retry_after` is in seconds (for a Retry-After header)."""

    status = 429

    def __init__(self, message, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def _is_new(actor, now) -> bool:
    return now - actor.date_joined < NEW_ACCOUNT_AGE


def _key(action, actor, window, seconds) -> str:
    return f"flood:{action}:{actor.pk}:{window}:{seconds}"


def flood_check(*, actor, action: str, now=None) -> None:
    """Count one `action` ("post", "message" or "report") by `actor`, or raise SlowDown when
    they have reached a limit. A refused attempt is not counted, so waiting is enough."""
    limit = LIMITS[action]
    now = now or timezone.now()
    new = _is_new(actor, now)
    timestamp = int(now.timestamp())
    windows = (
        (MINUTE, limit.new_per_minute if new else limit.per_minute),
        (HOUR, limit.new_per_hour if new else limit.per_hour),
    )
    counted = []
    try:
        for seconds, allowed in windows:
            # Counted first, then compared: one atomic increment per window, so two attempts at
            # once cannot both pass the last place (incr is two round trips, add one more the
            # first time in a window; reading the counts first cost three more).
            key = _key(action, actor, timestamp // seconds, seconds)
            count = _count_one(key, timeout=seconds * 2)
            counted.append(key)
            if count > allowed:
                raise _slow_down(seconds, retry_after=seconds - timestamp % seconds)
    except SlowDown:
        # A refused attempt is not counted.
        for key in counted:
            try:
                cache.decr(key)
            except ValueError:  # expired meanwhile
                pass
        raise


def _count_one(key: str, *, timeout: int) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # the first in this window (kept a little longer, for a slow clock)
        pass
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)  # another attempt added it meanwhile
    except ValueError:  # and it expired since
        cache.set(key, 1, timeout=timeout)
        return 1


def _slow_down(seconds: int, *, retry_after: int) -> SlowDown:
    if seconds == MINUTE:
        return SlowDown(_("Vous écrivez très vite : attendez une minute avant de réessayer."), retry_after=retry_after)
    return SlowDown(_("Vous avez beaucoup écrit cette dernière heure : faites une pause, "
                      "puis réessayez un peu plus tard."), retry_after=retry_after)
