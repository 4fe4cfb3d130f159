"""The listening line's socket over channels.testing and the in-memory layer: close codes,
the chat's protocol (ack, one message per client_id, resume, error frames that leave the
socket open), the caller's place in the queue, answered, passed and ended heard live, a guest
cut off when their conversation ends, and the queries of each handler pinned."""

import json

import pytest
from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client

from entraide.consumers import CLOSE_NOT_ALLOWED, CLOSE_NOT_FOUND, CLOSE_NOT_SIGNED_IN
from peers import consumers
from peers.routing import websocket_urlpatterns
from peers.selectors.line import line_entry, still_in
from peers.services.guests import guest_open
from peers.services.line import line_answer, line_end, line_message_send, line_pass
from tests.factories import UserFactory

from .line_builders import coordinator, knocked, on_duty, talking

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("sockets_gone_at_the_end")]

application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
in_db = database_sync_to_async


class Socket:
    def __init__(self, communicator):
        self.communicator = communicator

    @classmethod
    async def open(cls, conversation_id, user=None):
        headers = [(b"origin", b"http://testserver")]
        if user is not None:
            client = Client()
            await in_db(client.force_login)(user)
            cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
            headers.append((b"cookie", cookies.encode()))
        communicator = WebsocketCommunicator(application, f"/ws/line/{conversation_id}/", headers=headers)
        accepted, _subprotocol = await communicator.connect()
        assert accepted
        return cls(communicator)

    @classmethod
    async def joined(cls, conversation, user):
        socket = await cls.open(conversation.pk, user)
        socket.hello = await socket.next()
        assert socket.hello["type"] == "hello"
        return socket

    async def next(self) -> dict:
        return json.loads(await self.communicator.receive_from(timeout=3))

    async def next_of(self, kind, *, past=("message", "queue")) -> dict:
        while True:
            frame = await self.next()
            if frame["type"] == kind:
                return frame
            assert frame["type"] in past, frame

    async def send(self, frame):
        await self.communicator.send_json_to(frame)

    async def close_code(self) -> int:
        while True:
            output = await self.communicator.receive_output(timeout=3)
            if output["type"] == "websocket.close":
                return output["code"]

    async def quiet(self) -> bool:
        return await self.communicator.receive_nothing(timeout=0.3)

    async def leave(self):
        await self.communicator.disconnect()


# --- Close codes -----------------------------------------------------------------------------

async def test_a_visitor_not_signed_in_is_closed_with_4401():
    conversation = await in_db(knocked)()
    assert await (await Socket.open(conversation.pk)).close_code() == CLOSE_NOT_SIGNED_IN


async def test_a_stranger_a_missing_conversation_and_an_impossible_id_are_closed_with_4404():
    conversation, _caller, _supporter = await in_db(talking)()
    stranger = await in_db(UserFactory)()
    for conversation_id in (conversation.pk, conversation.pk + 100, 10**30):
        assert await (await Socket.open(conversation_id, stranger)).close_code() == CLOSE_NOT_FOUND


async def test_a_coordinator_gets_in_only_once_the_conversation_is_passed_to_them():
    conversation, _caller, supporter = await in_db(talking)()
    chosen = await in_db(coordinator)()
    assert await (await Socket.open(conversation.pk, chosen)).close_code() == CLOSE_NOT_FOUND
    await in_db(line_pass)(actor=supporter, conversation=conversation)
    socket = await Socket.joined(conversation, chosen)
    assert socket.hello["you"] == "coordinator" and socket.hello["status"] == "passed"
    await socket.leave()


# --- Waiting and being answered --------------------------------------------------------------

async def test_a_waiting_caller_hears_their_place_then_who_answers():
    first = await in_db(knocked)()
    second = await in_db(knocked)()
    socket = await Socket.joined(second, second.caller)
    assert socket.hello == {"type": "hello", "status": "queued", "last_seq": 0, "position": 2, "you": "caller",
                            "with": []}
    supporter = await in_db(on_duty)()
    assert (await in_db(line_answer)(actor=supporter)).pk == first.pk
    assert await socket.next() == {"type": "queue", "position": 1}
    second_supporter = await in_db(on_duty)()
    await in_db(line_answer)(actor=second_supporter)
    assert await socket.next_of("answered") == {"type": "answered", "pseudonym": second_supporter.pseudonym}
    await socket.leave()


# --- Messages --------------------------------------------------------------------------------

async def test_a_message_is_acknowledged_and_each_reads_it_as_theirs_or_the_others():
    conversation, caller, supporter = await in_db(talking)()
    callers, supporters = await Socket.joined(conversation, caller), await Socket.joined(conversation, supporter)
    assert callers.hello["with"] == [supporter.pseudonym] and supporters.hello["with"] == [caller.pseudonym]
    await callers.send({"type": "send", "body": "Bonsoir, je n'arrive pas à dormir.", "client_id": "m-1"})
    assert await callers.next_of("ack") == {"type": "ack", "client_id": "m-1", "seq": 1, "duplicate": False}
    mine, theirs = await callers.next_of("message"), await supporters.next_of("message")
    assert (mine["author"], mine["client_id"], mine["seq"]) == ("you", "m-1", 1)
    assert (theirs["author"], theirs["pseudonym"], theirs["body"]) == ("them", caller.pseudonym,
                                                                        "Bonsoir, je n'arrive pas à dormir.")
    assert "client_id" not in theirs and theirs["created_at"].endswith("Z")
    await callers.leave(), await supporters.leave()


async def test_the_same_client_id_twice_stores_one_message_and_the_sender_gets_it_again():
    conversation, caller, supporter = await in_db(talking)()
    callers, supporters = await Socket.joined(conversation, caller), await Socket.joined(conversation, supporter)
    for _ in range(2):
        await callers.send({"type": "send", "body": "Une fois", "client_id": "again"})
    assert (await supporters.next_of("message"))["seq"] == 1
    assert await supporters.quiet()
    frames = [await callers.next() for _ in range(4)]
    assert [frame["duplicate"] for frame in frames if frame["type"] == "ack"] == [False, True]
    assert [frame["seq"] for frame in frames if frame["type"] == "message"] == [1, 1]
    await callers.leave(), await supporters.leave()


async def test_resume_replays_every_message_after_the_seq_in_order():
    conversation, caller, supporter = await in_db(talking)()
    for number, author in enumerate((caller, supporter, caller), start=1):
        await in_db(line_message_send)(actor=author, conversation=conversation, body=f"m{number}",
                                       client_id=f"c{number}")
    socket = await Socket.joined(conversation, caller)
    assert socket.hello["last_seq"] == 3
    await socket.send({"type": "resume", "after": 1})
    replayed = [await socket.next(), await socket.next()]
    assert [(frame["seq"], frame["author"]) for frame in replayed] == [(2, "them"), (3, "you")]
    assert await socket.next() == {"type": "resumed", "last_seq": 3}
    await socket.leave()


BAD_FRAMES = [
    ("not json", "not_json"),
    ('{"body": "x"}', "no_type"),
    ('{"type": "shout"}', "unknown_type"),
    ('{"type": "line_message"}', "unknown_type"),
    ('{"type": "send", "client_id": "a"}', "bad_field"),
    ('{"type": "send", "body": 3, "client_id": "a"}', "bad_field"),
    ('{"type": "send", "body": "x", "client_id": "pas bon"}', "bad_field"),
    ('{"type": "send", "body": "   ", "client_id": "a"}', "empty"),
    (json.dumps({"type": "send", "body": "x" * 2001, "client_id": "a"}), "too_long"),
    (json.dumps({"type": "send", "body": "x" * 20_000, "client_id": "a"}), "too_long"),
    ('{"type": "resume", "after": "3"}', "bad_field"),
    ('{"type": "resume", "after": -1}', "bad_field"),
    ('{"type": "resume", "after": 99999999999999999999999}', "bad_field"),
    ('{"type": "pass"}', "not_allowed"),
]


@pytest.mark.parametrize("text, code", BAD_FRAMES)
async def test_every_bad_frame_gets_an_error_frame_and_the_socket_stays_open(text, code):
    conversation, caller, _supporter = await in_db(talking)()
    socket = await Socket.joined(conversation, caller)
    await socket.communicator.send_to(text_data=text)
    error = await socket.next_of("error")
    assert error["code"] == code and error["message"]
    await socket.send({"type": "send", "body": "Toujours là", "client_id": "after"})
    assert (await socket.next_of("ack"))["client_id"] == "after"
    await socket.leave()


async def test_writing_while_still_waiting_is_refused_and_the_socket_stays():
    waiting = await in_db(knocked)()
    socket = await Socket.joined(waiting, waiting.caller)
    await socket.send({"type": "send", "body": "Il y a quelqu'un ?", "client_id": "a"})
    error = await socket.next_of("error")
    assert error["code"] == "refused" and "Personne n'a encore répondu" in error["message"]
    await socket.send({"type": "resume", "after": 0})
    assert await socket.next_of("resumed") == {"type": "resumed", "last_seq": 0}
    await socket.leave()


# --- Passing and ending ----------------------------------------------------------------------

async def test_passing_and_ending_are_heard_by_both_and_sends_after_the_end_are_refused():
    conversation, caller, supporter = await in_db(talking)()
    chosen = await in_db(coordinator)()
    callers, supporters = await Socket.joined(conversation, caller), await Socket.joined(conversation, supporter)
    await supporters.send({"type": "pass"})
    for socket in (callers, supporters):
        assert await socket.next_of("passed") == {"type": "passed", "pseudonym": chosen.pseudonym}
    await callers.send({"type": "end"})
    for socket in (callers, supporters):
        assert await socket.next_of("ended") == {"type": "ended"}
    await supporters.send({"type": "send", "body": "Encore là ?", "client_id": "late"})
    assert (await supporters.next_of("error"))["code"] == "refused"
    await callers.leave(), await supporters.leave()


async def test_a_guests_sockets_close_with_4403_once_their_conversation_ends():
    supporter = await in_db(on_duty)()
    guest = await in_db(guest_open)(pseudonym="Passant", address="203.0.113.7")
    conversation = await in_db(knocked)(guest)
    await in_db(line_answer)(actor=supporter)
    guests, supporters = await Socket.joined(conversation, guest), await Socket.joined(conversation, supporter)
    await in_db(line_end)(actor=supporter, conversation=conversation)
    assert await guests.next_of("ended") == {"type": "ended"}
    assert await guests.close_code() == CLOSE_NOT_ALLOWED
    assert await supporters.next_of("ended") == {"type": "ended"}
    # The conversation is erased with the guest's account: the next frame closes the socket.
    await supporters.send({"type": "resume", "after": 0})
    assert await supporters.close_code() == CLOSE_NOT_ALLOWED


# --- Queries of each handler -----------------------------------------------------------------

async def test_the_handlers_queries_are_fixed():
    conversation, caller, supporter = await in_db(talking)()
    await in_db(_pinned_queries)(conversation, caller, supporter)


def _pinned_queries(conversation, caller, supporter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(function, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            function(**kwargs)
        return len(queries)

    assert count(line_entry, user=caller, conversation_id=conversation.pk) == 1
    assert count(still_in, conversation_id=conversation.pk, user_id=caller.pk) == 1
    # Outside a test's transaction: the transaction itself is counted (BEGIN ... COMMIT).
    sent = count(consumers.send_message, user=caller, conversation_id=conversation.pk, body="Bonjour", client_id="q")
    # Lock the conversation, look for the client_id, take the seq, store the message.
    assert sent == 6
    assert sent == count(consumers.send_message, user=caller, conversation_id=conversation.pk, body="Encore",
                         client_id="r")
    assert count(consumers.missed_messages, conversation_id=conversation.pk, after=0, reader_id=caller.pk) == 2
