"""The group chat socket, /ws/groups/<slug>/chat/ (docs/realtime.md): thin over the chat's
selectors and services. Membership is checked at connect and at every frame (a send by the
service that stores it, the other frames before they are handled); a removal or
a ban cuts the member's sockets on the group at once (chat.account_data); presence lives in the
shared cache so that every server process lists the same members.

Each socket holds its member's silences (chat.selectors.Silences), read once on connect and
again whenever they mute, block or lift one, or someone blocks or unblocks them (moderation's
services tell the member's channel group): messages are folded or left out as the member's
history pages show them, and a message left out still advances the client's seq with `skip`."""

import asyncio
import time
from contextlib import contextmanager

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from entraide.consumers import FrameConsumer, FrameRefused, field, in_thread
from entraide.errors import DomainError, NotAllowed, NotFound
from moderation.crisis import crisis_prompt_context
from moderation.limits import SlowDown

from . import selectors, services
from .account_data import chat_cut_scope
from .permissions import Muted
from .selectors import RESUME_LIMIT, message_frame, seen_frame

# Typing hints from one socket go out at most this often.
TYPING_INTERVAL_SECONDS = 3
# A seq beyond what the database stores (a signed 64-bit integer) is no seq.
SEQ_MAX = 2**63 - 1


@contextmanager
def refusals():
    """What the services refuse, as the socket's error codes; the socket stays open."""
    try:
        yield
    except SlowDown as slow:
        raise FrameRefused("too_fast", str(slow.message), retry_after=slow.retry_after) from None
    except Muted as muted:
        raise FrameRefused("muted", str(muted.message)) from None
    except services.MessageRefused as refused:
        raise FrameRefused(refused.code, str(refused.message)) from None
    except (NotAllowed, NotFound):
        raise  # answered by FrameConsumer: not_allowed, not_found
    except DomainError as error:
        raise FrameRefused("refused", str(error.message)) from None


def _csrf_token(scope) -> str:
    """A token for the form in the crisis prompt, made from the browser's own CSRF cookie."""
    request = HttpRequest()
    request.COOKIES = dict(scope.get("cookies") or {})
    CsrfViewMiddleware(lambda request: None).process_request(request)
    return get_token(request)


def send_message(*, user, group, body, client_id, scope) -> tuple[dict, dict | None, str]:
    """Store the message (or find it stored); (ack, the message frame for a duplicate, the crisis
    prompt's HTML or "")."""
    message, created = services.message_send(actor=user, group=group, body=body, client_id=client_id)
    ack = {"type": "ack", "client_id": message.client_id, "seq": message.seq, "duplicate": not created}
    if not created:
        return ack, (None if message.is_hidden else message_frame(message)), ""
    prompt = crisis_prompt_context(message.body, user, group)
    if prompt is None:
        return ack, None, ""
    return ack, None, render_to_string("moderation/_crisis_prompt.html", {**prompt, "csrf_token": _csrf_token(scope)})


def missed_messages(*, group, after: int, silences=selectors.NO_SILENCES) -> tuple[list[dict] | None, int]:
    """The frames of the visible messages after `after`, in order, as the member sees them, or
    None when more than RESUME_LIMIT are missing; and the group's last seq."""
    last_seq, _slow = selectors.room_state(group)
    if after >= last_seq:
        return [], last_seq
    messages = selectors.messages_after(group=group, after_seq=after, limit=RESUME_LIMIT + 1, silences=silences)
    if len(messages) > RESUME_LIMIT:
        return None, last_seq
    return [seen_frame(message_frame(message), silences) for message in messages], last_seq


class ChatConsumer(FrameConsumer):
    # message_send reads the member's standing (membership, removal, mute) inside its transaction.
    frames_checked_by_their_service = frozenset({"send"})

    async def open(self):
        self.entry = await in_thread(selectors.chat_entry, user=self.user, slug=self.scope["url_route"]["kwargs"]["slug"])
        self.group = self.entry.group
        self.hidden = self.entry.hide_presence
        self.silences = self.entry.silences
        self.cut_scope = chat_cut_scope(self.group.pk)
        self.last_typing = 0.0
        self.keep_present = None

    async def opened(self):
        await self.join(services.chat_channel_group(self.group.pk))
        await self.send_frame({"type": "hello", "last_seq": self.entry.last_seq, "presence": self.entry.lively,
                               "typing": self.entry.lively, "slow_mode_seconds": self.entry.slow_mode_seconds})
        if self.entry.lively:
            await self._be_present()
            self.keep_present = asyncio.create_task(self._stay_present())

    async def closed(self):
        if getattr(self, "keep_present", None) is None:
            return
        self.keep_present.cancel()
        members = await in_thread(services.presence_leave, actor=self.user, group_id=self.group.pk,
                                  channel_name=self.channel_name)
        await self._broadcast_presence(members)

    async def still_allowed(self) -> bool:
        return await in_thread(selectors.still_member, group_id=self.group.pk, user_id=self.user.pk)

    # --- Presence --------------------------------------------------------------------------

    async def _be_present(self) -> None:
        members = await in_thread(services.presence_enter, actor=self.user, group_id=self.group.pk,
                                  channel_name=self.channel_name, hidden=self.hidden)
        await self._broadcast_presence(members)

    async def _stay_present(self):
        while True:
            await asyncio.sleep(services.PRESENCE_REFRESH_SECONDS)
            await in_thread(services.presence_enter, actor=self.user, group_id=self.group.pk,
                            channel_name=self.channel_name, hidden=self.hidden)

    async def _broadcast_presence(self, members):
        await self.channel_layer.group_send(services.chat_channel_group(self.group.pk),
                                            {"type": "chat.presence", "members": members})

    # --- Frames from the client ------------------------------------------------------------

    async def frame_send(self, frame):
        body, client_id = field(frame, "body", str), field(frame, "client_id", str)
        with refusals():
            ack, stored, crisis_html = await in_thread(send_message, user=self.user, group=self.group, body=body,
                                                       client_id=client_id, scope=self.scope)
        await self.send_frame(ack)
        if stored is not None:
            await self.send_frame(stored)
        if crisis_html:
            await self.send_frame({"type": "crisis", "html": crisis_html})

    async def frame_resume(self, frame):
        after = field(frame, "after", int)
        if not 0 <= after <= SEQ_MAX:
            raise FrameRefused("bad_field", _("Le champ « %(name)s » n'a pas la bonne forme.") % {"name": "after"},
                               field="after")
        frames, last_seq = await in_thread(missed_messages, group=self.group, after=after, silences=self.silences)
        if frames is None:
            await self.send_frame({"type": "reload", "history_url": selectors.history_url(self.group),
                                   "message": _("Beaucoup de messages sont arrivés pendant votre absence : "
                                                "la discussion se recharge.")})
            return
        for message in frames:
            await self.send_frame(message)
        await self.send_frame({"type": "resumed", "last_seq": last_seq})

    async def frame_typing(self, frame):
        # Hints only: dropped quietly in large groups, for hidden members and when too frequent.
        now = time.monotonic()
        if not self.entry.lively or self.hidden or now - self.last_typing < TYPING_INTERVAL_SECONDS:
            return
        self.last_typing = now
        await self.channel_layer.group_send(services.chat_channel_group(self.group.pk), {
            "type": "chat.typing", "member": selectors.member_frame(self.user), "sender": self.channel_name})

    # --- Events from the channel layer -----------------------------------------------------

    async def chat_message(self, event):
        frame = seen_frame({**event, "type": "message"}, self.silences)
        # Left out, its seq still counts: the client does not take it for a gap to resume.
        await self.send_frame(frame if frame is not None else {"type": "skip", "seq": event["seq"]})

    async def chat_hidden(self, event):
        if event.get("author_id") not in self.silences.left_out:
            await self.send_frame({"type": "hidden", "seq": event["seq"]})

    async def chat_restored(self, event):
        frame = seen_frame({**event, "type": "restored"}, self.silences)
        if frame is not None:
            await self.send_frame(frame)

    async def chat_presence(self, event):
        if self.entry.lively:
            await self.send_frame({"type": "presence", "members": event["members"]})

    async def chat_typing(self, event):
        if not self.entry.lively or event["sender"] == self.channel_name:
            return
        member_id = event["member"]["id"]
        if member_id not in self.silences.folded and member_id not in self.silences.left_out:
            await self.send_frame({"type": "typing", "member": event["member"]})

    async def chat_slow_mode(self, event):
        await self.send_frame({"type": "slow_mode", "seconds": event["seconds"]})

    async def chat_presence_hidden(self, event):
        if event["member_id"] != self.user.pk:
            return
        self.hidden = bool(event["hidden"])
        if self.entry.lively:
            await self._be_present()

    async def silences_changed(self, event):
        # Messages already shown keep their shape; those from now on follow the new silences.
        self.silences = await in_thread(selectors.silences_of, self.user)
