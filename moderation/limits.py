"""Flood control: how often one member may post, write in the chat or report.

Counts live in Django's cache (Redis in production, shared by every process; local memory
otherwise), in fixed one-minute and one-hour windows. Accounts younger than a day get
stricter limits: a new account flooding a group is the usual shape of spam."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
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
    keys = [(_key(action, actor, timestamp // seconds, seconds), seconds * 2) for seconds, _allowed in windows]
    # Counted first, then compared: one atomic increment per window, so two attempts at once
    # cannot both take the last place.
    counts = _count(keys)
    for (seconds, allowed), count in zip(windows, counts):
        if count > allowed:
            # A refused attempt is not counted.
            _uncount([key for key, _timeout in keys])
            raise _slow_down(seconds, retry_after=seconds - timestamp % seconds)


def _count(keys: list[tuple[str, int]]) -> list[int]:
    """Add one to each count (created with its timeout, kept a little longer than its window for
    a slow clock). On Redis, in one round trip: a chat message pays it on every send, while
    every other sender of its server process waits (docs/performance.md). Django's cache has no
    atomic "increment or create", and its `incr` alone is two round trips."""
    client = _redis_client()
    if client is None:
        return [_count_one(key, timeout=timeout) for key, timeout in keys]
    pipeline = client.pipeline(transaction=True)
    for key, timeout in keys:
        stored_key = cache.make_and_validate_key(key)
        pipeline.set(stored_key, 0, ex=timeout, nx=True)
        pipeline.incr(stored_key)
    return pipeline.execute()[1::2]


def _uncount(keys: list[str]) -> None:
    client = _redis_client()
    if client is None:
        for key in keys:
            try:
                cache.decr(key)
            except ValueError:  # expired meanwhile
                pass
        return
    pipeline = client.pipeline(transaction=True)
    for key in keys:
        # Only a count still there: one that expired meanwhile stays gone.
        stored_key = cache.make_and_validate_key(key)
        pipeline.eval(_DECR_IF_THERE, 1, stored_key)
    pipeline.execute()


_DECR_IF_THERE = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end"


def _redis_client():
    """The Redis connection of Django's own Redis cache (the counts stay where the cache keeps
    them, under its keys, and go when it is cleared), or None for any other cache."""
    backend = getattr(cache, "_cache", None)  # Django's client behind its RedisCache
    return backend.get_client(write=True) if isinstance(backend, RedisCacheClient) else None


def _count_one(key: str, *, timeout: int) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # the first in this window
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
