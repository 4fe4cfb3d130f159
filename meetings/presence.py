"""Who is in an occurrence's live room now, kept in the shared cache (Redis in production) so that
every server process agrees on it.

Two keys per member and occurrence, both expiring unless refreshed: how many of the member's
sockets are in the room (a member may have the room open on a phone and a laptop), and when
they arrived. A socket refreshes both while it is open (the consumer does, every
REFRESH_SECONDS); a process that dies without closing its sockets is forgotten within
PRESENCE_SECONDS. Someone whose connection drops and who is back within that time keeps the
moment they first arrived, and so their place in the next round: a round queues those present
in the order they arrived (the member's id settles a tie)."""

import time

from django.core.cache import cache

PRESENCE_SECONDS = 90
REFRESH_SECONDS = 30


def _keys(occurrence_id: int, user_id: int) -> tuple[str, str]:
    base = f"meetings.live.{occurrence_id}.{user_id}"
    return base + ".sockets", base + ".arrived"


async def arrive(occurrence_id: int, user_id: int) -> None:
    sockets, arrived = _keys(occurrence_id, user_id)
    await cache.aadd(arrived, time.time(), PRESENCE_SECONDS)
    await cache.atouch(arrived, PRESENCE_SECONDS)
    await cache.aadd(sockets, 0, PRESENCE_SECONDS)
    try:
        await cache.aincr(sockets)
    except ValueError:  # expired between the two calls
        await cache.aset(sockets, 1, PRESENCE_SECONDS)


async def refresh(occurrence_id: int, user_id: int) -> None:
    for key in _keys(occurrence_id, user_id):
        await cache.atouch(key, PRESENCE_SECONDS)


async def leave(occurrence_id: int, user_id: int) -> None:
    # The count goes down and stays (at zero, until it expires): deleting it could drop the
    # count another socket of the same member raised in between.
    sockets, _arrived = _keys(occurrence_id, user_id)
    try:
        await cache.adecr(sockets)
    except ValueError:
        pass


def present_ids(occurrence_id: int, candidate_ids) -> list[int]:
    """Those of `candidate_ids` (the group's members) in the room now, first arrived first."""
    keys = {user_id: _keys(occurrence_id, user_id) for user_id in candidate_ids}
    found = cache.get_many([key for pair in keys.values() for key in pair])
    present = []
    for user_id, (sockets, arrived) in keys.items():
        if (found.get(sockets) or 0) > 0 and arrived in found:
            present.append((found[arrived], user_id))
    return [user_id for _arrived, user_id in sorted(present)]


def is_present(occurrence_id: int, user_id: int) -> bool:
    return bool(present_ids(occurrence_id, [user_id]))
