"""The video room of a series in Jitsi: its address, when it opens, and each member's token.

With JITSI_APP_ID and JITSI_APP_SECRET (a Jitsi with token authentication, or JaaS), each
member gets a short-lived HS256 token for the one room, the occurrence's host as moderator, and
the page embeds the room. Without them (the public meet.jit.si, which ends embedded calls after
five minutes and asks the first person in to sign in), the page opens the room in a new tab."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import jwt
from django.conf import settings
from django.utils import timezone

JOIN_OPENS_BEFORE = timedelta(minutes=15)
# Long enough to get in, short enough to be worthless once copied out of the page.
TOKEN_LIFETIME = timedelta(minutes=10)


def join_window(occurrence) -> tuple[datetime, datetime]:
    """Of anything with `starts_at` and `ends_at`: an occurrence, a pairing's call."""
    return occurrence.starts_at - JOIN_OPENS_BEFORE, occurrence.ends_at


def base_url() -> str:
    return settings.JITSI_BASE_URL.rstrip("/")


def origin() -> str:
    """scheme://host of the Jitsi server: the one origin the meeting page's CSP lets in."""
    parts = urlsplit(base_url())
    return f"{parts.scheme}://{parts.netloc}"


def domain() -> str:
    return urlsplit(base_url()).netloc


def room_url(room) -> str:
    """The address of a room: anything with a `room_name` (a series, a pairing's call)."""
    return f"{base_url()}/{room.room_name}"


def uses_tokens() -> bool:
    return bool(settings.JITSI_APP_ID and settings.JITSI_APP_SECRET)


def token_for(*, member, occurrence, moderator: bool, now=None) -> str | None:
    """The member's token for the occurrence's room, or None where Jitsi has no tokens.

    Callers decide who may join (meetings.permissions.check_join); this only signs."""
    return token_for_room(member=member, room_name=occurrence.series.room_name, moderator=moderator, now=now)


def token_for_room(*, member, room_name: str, moderator: bool, now=None) -> str | None:
    """The member's token for one room (a meeting's, a pairing's), or None where Jitsi has no
    tokens. Callers decide who may join; this only signs."""
    if not uses_tokens():
        return None
    now = now or timezone.now()
    claims = {
        "iss": settings.JITSI_APP_ID,
        "aud": settings.JITSI_TOKEN_AUDIENCE,
        "sub": settings.JITSI_TOKEN_SUBJECT or domain(),
        "room": room_name,
        "iat": int(now.timestamp()),
        "nbf": int((now - timedelta(seconds=30)).timestamp()),
        "exp": int((now + TOKEN_LIFETIME).timestamp()),
        # The pseudonym only: Jitsi never learns who a member is outside the platform.
        "context": {"user": {"id": str(member.pk), "name": member.pseudonym, "moderator": bool(moderator)}},
        "moderator": bool(moderator),
    }
    return jwt.encode(claims, settings.JITSI_APP_SECRET, algorithm="HS256")
