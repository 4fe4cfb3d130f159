"""The listening line's socket, /ws/line/<conversation id>/ (docs/realtime.md): thin over
peers.selectors.line and peers.services.line, with the chat's protocol (seq, resume,
client_id, error frames that leave the socket open). Only the conversation's people get in;
anyone else, and an id that does not exist, is closed with 4404."""

from contextlib import contextmanager

from django.utils.translation import gettext as _

from entraide.consumers import FrameConsumer, FrameRefused, field, in_thread
from entraide.errors import DomainError, NotAllowed, NotFound
from moderation.limits import SlowDown

from .models import LineConversation
from .selectors import line as selectors
from .services import line as services

# A seq beyond what the database stores (a signed 64-bit integer) is no seq.
SEQ_MAX = 2**63 - 1


@contextmanager
def refusals():
    """What the services refuse, as the socket's error codes; the socket stays open."""
    try:
        yield
    except SlowDown as slow:
        raise FrameRefused("too_fast", str(slow.message), retry_after=slow.retry_after) from None
    except services.LineMessageRefused as refused:
        raise FrameRefused(refused.code, str(refused.message)) from None
    except NotFound:
        raise  # answered by FrameConsumer: not_found
    except NotAllowed as refused:
        raise FrameRefused("not_allowed", str(refused.message)) from None
    except DomainError as error:
        code = "not_allowed" if error.status == 403 else "refused"
        raise FrameRefused(code, str(error.message)) from None


def send_message(*, user, conversation_id, body, client_id) -> tuple[dict, dict | None]:
    """(ack, the stored message frame again for a duplicate, else None)."""
    conversation = LineConversation(pk=conversation_id)
    message, created = services.line_message_send(actor=user, conversation=conversation, body=body,
                                                  client_id=client_id)
    ack = {"type": "ack", "client_id": message.client_id, "seq": message.seq, "duplicate": not created}
    return ack, (None if created else selectors.message_frame(selectors.message_event(message), user.pk))


def missed_messages(*, conversation_id, after: int, reader_id: int) -> tuple[list[dict], int]:
    """Every message after `after`, in order, as this reader sees them; and the last seq."""
    frames, seen = [], after
    while True:
        batch = selectors.messages_after(conversation_id=conversation_id, after_seq=seen)
        frames += [selectors.message_frame(selectors.message_event(message), reader_id) for message in batch]
        if len(batch) < selectors.RESUME_LIMIT:
            break
        seen = batch[-1].seq
    return frames, selectors.last_seq(conversation_id)


def _people(entry, user) -> list[str]:
    conversation = entry.conversation
    others = [conversation.caller, conversation.supporter, conversation.passed_to]
    return [member.display_name for member in others if member is not None and member.pk != user.pk]


def end(*, user, conversation_id) -> None:
    services.line_end(actor=user, conversation=LineConversation(pk=conversation_id))


def pass_on(*, user, conversation_id) -> None:
    services.line_pass(actor=user, conversation=LineConversation(pk=conversation_id))


class LineConsumer(FrameConsumer):
    async def open(self):
        entry = await in_thread(selectors.line_entry, user=self.user,
                                conversation_id=self.scope["url_route"]["kwargs"]["conversation_id"])
        self.entry = entry
        self.conversation_id = entry.conversation.pk
        self.cut_scope = f"line.{self.conversation_id}"

    async def opened(self):
        await self.join(selectors.line_channel_group(self.conversation_id))
        conversation = self.entry.conversation
        await self.send_frame({"type": "hello", "status": conversation.status, "last_seq": conversation.last_seq,
                               "position": self.entry.position, "you": self.entry.role,
                               "with": _people(self.entry, self.user)})

    async def still_allowed(self) -> bool:
        return await in_thread(selectors.still_in, conversation_id=self.conversation_id, user_id=self.user.pk)

    # --- Frames from the client ------------------------------------------------------------

    async def frame_send(self, frame):
        body, client_id = field(frame, "body", str), field(frame, "client_id", str)
        with refusals():
            ack, stored = await in_thread(send_message, user=self.user, conversation_id=self.conversation_id,
                                          body=body, client_id=client_id)
        await self.send_frame(ack)
        if stored is not None:
            await self.send_frame(stored)

    async def frame_resume(self, frame):
        after = field(frame, "after", int)
        if not 0 <= after <= SEQ_MAX:
            raise FrameRefused("bad_field", _("Le champ « %(name)s » n'a pas la bonne forme.") % {"name": "after"},
                               field="after")
        frames, last_seq = await in_thread(missed_messages, conversation_id=self.conversation_id, after=after,
                                           reader_id=self.user.pk)
        for message in frames:
            await self.send_frame(message)
        await self.send_frame({"type": "resumed", "last_seq": last_seq})

    async def frame_end(self, frame):
        with refusals():
            await in_thread(end, user=self.user, conversation_id=self.conversation_id)

    async def frame_pass(self, frame):
        with refusals():
            await in_thread(pass_on, user=self.user, conversation_id=self.conversation_id)

    # --- Events from the channel layer -----------------------------------------------------

    async def line_message(self, event):
        await self.send_frame(selectors.message_frame(event, self.user.pk))

    async def line_answered(self, event):
        await self.send_frame({"type": "answered", "pseudonym": event["pseudonym"]})

    async def line_passed(self, event):
        await self.send_frame({"type": "passed", "pseudonym": event["pseudonym"]})

    async def line_ended(self, event):
        await self.send_frame({"type": "ended"})

    async def line_queue(self, event):
        await self.send_frame({"type": "queue", "position": event["position"]})
