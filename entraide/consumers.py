"""What every WebSocket of the platform shares: JSON frames with a "type", error frames that
leave the socket open, the documented close codes, and sockets cut off the moment their member
may no longer be there (docs/realtime.md).

A consumer subclasses FrameConsumer, answers `open()` (raise NotAllowed/NotFound, or return
normally to be accepted), `still_allowed()` (asked before every frame, or after a refusal for the
frames whose service checks the member itself) and one
`frame_<type>(frame)` coroutine per frame type it takes. A handler raises FrameRefused for a
frame it will not take: the client gets an error frame, the socket stays.

Every socket joins two channel groups besides its own: one per member and one per session.
`sockets_cut_on_commit(user_id=...)` closes every socket of a member (a removal, a ban) and
`sockets_cut_on_commit(session_key=...)` every socket of one signed-in browser (a logout), once
the transaction commits; an app narrows the cut to one group with `scope`."""

import asyncio
import hashlib
import json

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import override

from entraide.realtime import publish_on_commit, serving_loop

CLOSE_NOT_SIGNED_IN = 4401
CLOSE_NOT_ALLOWED = 4403
CLOSE_NOT_FOUND = 4404
# The largest frame any socket takes, in characters; Daphne's own limit is set above it.
MAX_FRAME_CHARS = 16_000


class FrameRefused(Exception):
    """A frame the socket will not take: answered with an error frame, the socket stays open."""

    def __init__(self, code: str, message: str, **extra):
        super().__init__(message)
        self.code, self.message, self.extra = code, message, extra


def member_channel_group(user_id: int) -> str:
    return f"member.{user_id}"


def session_channel_group(session_key: str) -> str:
    # Channel group names are short ASCII; the session key itself never leaves the server.
    return "session." + hashlib.sha256(session_key.encode()).hexdigest()[:32]


def sockets_cut_on_commit(*, user_id: int | None = None, session_key: str | None = None, scope: str = "") -> None:
    """Close, after commit, every socket of a member or of a session; with `scope`, only the
    sockets whose consumer's `cut_scope` equals it (a group's chat, a meeting's room)."""
    event = {"type": "socket.cut", "scope": scope}
    if user_id is not None:
        publish_on_commit(member_channel_group(user_id), event)
    if session_key:
        publish_on_commit(session_channel_group(session_key), event)


class FrameConsumer(AsyncWebsocketConsumer):
    """JSON frames in and out, by type; close codes 4401/4403/4404 as documented."""

    # What a cut narrowed to a scope matches (e.g. "group.12"); "" is matched by every cut.
    cut_scope = ""
    # Frame types whose service reads the member's standing in the same call (the chat's send):
    # still_allowed() is asked only if that service refuses, not before, sparing a query per frame.
    frames_checked_by_their_service: frozenset[str] = frozenset()

    async def connect(self):
        self.user = self.scope.get("user")
        self.language = self._language()
        self.channel_groups: list[str] = []
        # The handshake is accepted first, so that the client reads the close code.
        await self.accept()
        if self.user is None or not self.user.is_authenticated:
            await self.close(code=CLOSE_NOT_SIGNED_IN)
            return
        try:
            with override(self.language):
                await self.open()
        except Http404:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        except PermissionDenied:
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        await self.join(member_channel_group(self.user.pk))
        session = self.scope.get("session")
        if session is not None and session.session_key:
            await self.join(session_channel_group(session.session_key))
        await self.opened()

    def _language(self) -> str:
        user = self.scope.get("user")
        return getattr(user, "preferred_language", "") or "fr"

    async def dispatch(self, message):
        # Channels first closes the database thread's stale connections, a hop to that one thread
        # for every message a socket is handed: a room's hundred deliveries of one chat message
        # queued behind the services' work there. Here every query runs through in_thread, which
        # closes them around its own call, so a handler that reads nothing makes no hop.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def join(self, channel_group: str) -> None:
        await self.channel_layer.group_add(channel_group, self.channel_name)
        self.channel_groups.append(channel_group)

    async def disconnect(self, code):
        for channel_group in getattr(self, "channel_groups", []):
            await self.channel_layer.group_discard(channel_group, self.channel_name)
        await self.closed()

    # --- What a consumer answers ----------------------------------------------------------

    async def open(self) -> None:
        """Raise NotAllowed (4403) or NotFound (4404); return to be accepted."""
        raise NotImplementedError

    async def opened(self) -> None:
        """After the socket is accepted and in its groups: send the first state."""

    async def closed(self) -> None:
        """After the socket left its groups."""

    async def still_allowed(self) -> bool:
        """Asked before every frame: False closes the socket with 4403."""
        return True

    # --- Frames ----------------------------------------------------------------------------

    async def send_frame(self, frame: dict) -> None:
        await self.send(text_data=json.dumps(frame, ensure_ascii=False, separators=(",", ":")))

    async def send_error(self, code: str, message: str, **extra) -> None:
        # Messages are often lazily translated: worded now, in the socket's language.
        await self.send_frame({"type": "error", "code": code, "message": str(message), **extra})

    async def receive(self, text_data=None, bytes_data=None):
        with override(self.language):
            frame, refusal = self._parse(text_data)
            if refusal is not None:
                await self.send_error(refusal.code, refusal.message)
                return
            asked_first = frame["type"] not in self.frames_checked_by_their_service
            if asked_first and not await self.still_allowed():
                await self.close(code=CLOSE_NOT_ALLOWED)
                return
            handler = getattr(self, "frame_" + frame["type"])
            try:
                await handler(frame)
            except FrameRefused as refused:
                await self.send_error(refused.code, refused.message, **refused.extra)
            except (PermissionDenied, Http404) as refused:
                if not asked_first and not await self.still_allowed():
                    await self.close(code=CLOSE_NOT_ALLOWED)
                elif isinstance(refused, Http404):
                    await self.send_error("not_found", _("Ce que vous cherchez n'existe pas ou plus."))
                else:
                    await self.send_error("not_allowed",
                                          getattr(refused, "message", "") or _("Ce n'est pas permis."))

    def _parse(self, text_data) -> tuple[dict | None, FrameRefused | None]:
        if text_data is None:
            return None, FrameRefused("not_text", _("Ce canal ne reçoit que du texte JSON."))
        if len(text_data) > MAX_FRAME_CHARS:
            return None, FrameRefused("too_long", _("Ce message est trop long."))
        try:
            frame = json.loads(text_data)
        except ValueError:
            return None, FrameRefused("not_json", _("Ce message n'est pas du JSON valide."))
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            return None, FrameRefused("no_type", _("Chaque message est un objet JSON avec un « type »."))
        if not frame["type"].isidentifier() or getattr(self, "frame_" + frame["type"], None) is None:
            return None, FrameRefused("unknown_type", _("Ce type de message n'existe pas ici."))
        return frame, None

    # --- Events from the channel layer -----------------------------------------------------

    async def socket_cut(self, event):
        if not event.get("scope") or event["scope"] == self.cut_scope:
            await self.close(code=CLOSE_NOT_ALLOWED)

    async def silences_changed(self, event):
        """Whom the member muted or blocked, or who blocked them, changed (told on their member
        group): a consumer that filters by it reads it again; the others have nothing to do."""


def field(frame: dict, name: str, kind: type, *, required: bool = True, default=None):
    """One field of a frame, of the right JSON type, or FrameRefused("bad_field")."""
    if name not in frame:
        if required:
            raise FrameRefused("bad_field", _("Il manque le champ « %(name)s ».") % {"name": name}, field=name)
        return default
    value = frame[name]
    # JSON true/false are not numbers here, though Python says bool is an int.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise FrameRefused("bad_field", _("Le champ « %(name)s » n'a pas la bonne forme.") % {"name": name}, field=name)
    return value


async def in_thread(function, *args, **kwargs):
    """Run ORM work from a consumer (one thread per call, connections closed as Channels does);
    the events it publishes are handed to this event loop without the thread waiting for them."""
    serving_loop.set(asyncio.get_running_loop())
    return await database_sync_to_async(function)(*args, **kwargs)
