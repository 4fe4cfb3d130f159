"""Who is in a group's chat now, kept in the shared cache (Redis in production), so that every
server process answers the same.

One entry per member and group: their pseudonym, whether they hide their presence, and each of
their open sockets (channel names) with the time it stops counting. A socket refreshes its own
time while it is open (`PRESENCE_REFRESH_SECONDS`); a process that dies leaves entries that
expire by themselves. Presence is read for the group's members only, in one round trip."""

import time

from django.core.cache import cache

from entraide.models import Membership

PRESENCE_TTL_SECONDS = 90
PRESENCE_REFRESH_SECONDS = 30


def _key(group_id: int, member_id: int) -> str:
    return f"chat:presence:{group_id}:{member_id}"


def _live_sockets(entry, now: float) -> dict:
    return {name: until for name, until in (entry or {}).get("sockets", {}).items() if until > now}


def presence_enter(*, actor, group_id: int, channel_name: str, hidden: bool) -> list[dict]:
    """The socket counts as present (again, when it refreshes); returns who is present now."""
    now = time.time()
    key = _key(group_id, actor.pk)
    sockets = _live_sockets(cache.get(key), now)
    sockets[channel_name] = now + PRESENCE_TTL_SECONDS
    cache.set(key, {"pseudonym": actor.display_name, "hidden": hidden, "sockets": sockets},
              timeout=PRESENCE_TTL_SECONDS)
    return members_present(group_id=group_id)


def presence_leave(*, actor, group_id: int, channel_name: str) -> list[dict]:
    now = time.time()
    key = _key(group_id, actor.pk)
    entry = cache.get(key)
    sockets = _live_sockets(entry, now)
    sockets.pop(channel_name, None)
    if sockets:
        cache.set(key, {**entry, "sockets": sockets}, timeout=PRESENCE_TTL_SECONDS)
    else:
        cache.delete(key)
    return members_present(group_id=group_id)


def members_present(*, group_id: int) -> list[dict]:
    """The members with a socket open on the chat, but those who hide their presence, by name."""
    now = time.time()
    member_ids = Membership.objects.filter(group=group_id).values_list("user_id", flat=True)
    entries = cache.get_many([_key(group_id, member_id) for member_id in member_ids])
    present = [
        {"id": int(key.rsplit(":", 1)[1]), "pseudonym": entry["pseudonym"]}
        for key, entry in entries.items() if not entry["hidden"] and _live_sockets(entry, now)
    ]
    return sorted(present, key=lambda member: member["pseudonym"].casefold())
