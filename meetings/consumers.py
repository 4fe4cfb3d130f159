"""The live room's socket, /ws/meetings/<occurrence id>/live/ (docs/realtime.md).

On connect the member gets the room's whole state with the server's time; after every change,
everyone in the room gets it again. Each control is a frame, decided by meetings.services.live
(and its checks); a refusal is an error frame and the socket stays. The display view of a
hybrid meeting uses the same socket and sends nothing."""

import asyncio

from entraide.consumers import FrameConsumer, FrameRefused, field, in_thread
from entraide.errors import DomainError, NotAllowed, NotFound
from entraide.standing import read_standing

from . import permissions, presence
from .selectors import live as selectors
from .services import live as services


class LiveRoomConsumer(FrameConsumer):
    async def open(self) -> None:
        self.occurrence, self.you = await in_thread(self._enter, self.scope["url_route"]["kwargs"]["occurrence_id"])
        self.cut_scope = selectors.cut_scope(self.occurrence.series.group_id)

    def _enter(self, occurrence_id):
        occurrence, standing = selectors.live_occurrence(self.user, occurrence_id)
        permissions.check_enter_live(standing, occurrence)
        return occurrence, selectors.abilities(standing, occurrence)

    async def opened(self) -> None:
        await self.join(selectors.channel_group(self.occurrence.pk))
        await presence.arrive(self.occurrence.pk, self.user.pk)
        self.refreshing = asyncio.create_task(self._keep_present())
        await self.send_state(await in_thread(selectors.live_state, self.occurrence.pk))

    async def _keep_present(self) -> None:
        while True:
            await asyncio.sleep(presence.REFRESH_SECONDS)
            await presence.refresh(self.occurrence.pk, self.user.pk)

    async def closed(self) -> None:
        refreshing = getattr(self, "refreshing", None)
        if refreshing is not None:
            refreshing.cancel()
            await presence.leave(self.occurrence.pk, self.user.pk)

    async def still_allowed(self) -> bool:
        return await in_thread(self._still_allowed)

    def _still_allowed(self) -> bool:
        return permissions.can_enter_live(read_standing(self.user, self.occurrence.series.group), self.occurrence)

    async def send_state(self, state: dict) -> None:
        await self.send_frame({**selectors.with_server_now(state), "you": self.you})

    async def live_state(self, event) -> None:
        await self.send_state(event["state"])

    # --- Frames: each a service; the new state reaches everyone through the channel group ---

    async def _do(self, service, **arguments) -> None:
        try:
            await in_thread(service, actor=self.user, occurrence=self.occurrence, **arguments)
        except NotFound:
            raise
        except NotAllowed as refused:
            raise FrameRefused("not_allowed", str(refused.message)) from None
        except DomainError as refused:
            raise FrameRefused("refused", str(refused.message)) from None

    async def frame_round_start(self, frame):
        await self._do(services.round_start)

    async def frame_round_done(self, frame):
        await self._do(services.round_speak_done)

    async def frame_round_pass(self, frame):
        await self._do(services.round_pass)

    async def frame_round_end(self, frame):
        await self._do(services.round_end)

    async def frame_hand_raise(self, frame):
        await self._do(services.hand_raise)

    async def frame_hand_lower(self, frame):
        await self._do(services.hand_lower)

    async def frame_floor_next(self, frame):
        await self._do(services.floor_give_next)

    async def frame_floor_skip(self, frame):
        await self._do(services.floor_skip)

    async def frame_timer_start(self, frame):
        await self._do(services.timer_start, seconds=field(frame, "seconds", int))

    async def frame_timer_stop(self, frame):
        await self._do(services.timer_stop)

    async def frame_agenda_next(self, frame):
        await self._do(services.agenda_advance)

    async def frame_agenda_set(self, frame):
        item_id = field(frame, "item_id", int)
        await self._do(services.agenda_advance, item_id=item_id)
