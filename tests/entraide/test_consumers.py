"""The base every socket stands on: close codes, error frames that leave the socket open, and
sockets cut by member, session or scope once the transaction commits."""

import json

import pytest
import channels.consumer
from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import path

from entraide.consumers import (
    CLOSE_NOT_ALLOWED,
    CLOSE_NOT_FOUND,
    CLOSE_NOT_SIGNED_IN,
    MAX_FRAME_CHARS,
    FrameConsumer,
    FrameRefused,
    field,
    member_channel_group,
    sockets_cut_on_commit,
)
from entraide.errors import NotAllowed, NotFound
from tests.factories import UserFactory

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("sockets_gone_at_the_end")]


class EchoConsumer(FrameConsumer):
    """Answers `echo` frames; its route decides whether it opens."""

    cut_scope = "echo.room"
    frames_checked_by_their_service = frozenset({"guarded"})
    # Every still_allowed() asked, by verdict: what the tests count.
    asked: list[str] = []

    async def open(self):
        verdict = self.scope["url_route"]["kwargs"]["verdict"]
        if verdict == "refuse":
            raise NotAllowed("Pas ici.")
        if verdict == "missing":
            raise NotFound()

    async def opened(self):
        await self.send_frame({"type": "hello"})

    async def still_allowed(self):
        verdict = self.scope["url_route"]["kwargs"]["verdict"]
        EchoConsumer.asked.append(verdict)
        return verdict != "until-first-frame"

    async def frame_guarded(self, frame):
        # As the chat's send: the service checks the member itself, and refuses who is not there.
        if field(frame, "text", str) == "no" or self.scope["url_route"]["kwargs"]["verdict"] == "until-first-frame":
            raise NotAllowed("Pas pour vous.")
        await self.send_frame({"type": "guarded", "text": frame["text"]})

    async def echo_said(self, event):
        await self.send_frame({"type": "said", "text": event["text"]})

    async def frame_echo(self, frame):
        text = field(frame, "text", str)
        if text == "no":
            raise FrameRefused("refused", "Non merci.")
        await self.send_frame({"type": "echo", "text": text})


application = AuthMiddlewareStack(URLRouter([path("ws/echo/<str:verdict>/", EchoConsumer.as_asgi())]))


async def signed_in_client(user) -> Client:
    client = Client()
    await database_sync_to_async(client.force_login)(user)
    return client


async def connected(verdict="open", user=None, client=None):
    headers = []
    if user is not None:
        client = client or await signed_in_client(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    communicator = WebsocketCommunicator(application, f"/ws/echo/{verdict}/", headers=headers)
    accepted, _ = await communicator.connect()
    assert accepted
    return communicator


async def a_member():
    return await database_sync_to_async(UserFactory)()


async def closing_code(communicator) -> int:
    message = await communicator.receive_output(timeout=2)
    assert message["type"] == "websocket.close"
    return message["code"]


async def next_frame(communicator) -> dict:
    return json.loads(await communicator.receive_from(timeout=2))


async def test_an_anonymous_visitor_is_closed_with_4401():
    communicator = await connected()
    assert await closing_code(communicator) == CLOSE_NOT_SIGNED_IN


async def test_a_refused_member_is_closed_with_4403_and_a_missing_room_with_4404():
    member = await a_member()
    refused = await connected("refuse", member)
    assert await closing_code(refused) == CLOSE_NOT_ALLOWED
    missing = await connected("missing", member)
    assert await closing_code(missing) == CLOSE_NOT_FOUND


@pytest.mark.parametrize(
    "text, code",
    [
        ("not json", "not_json"),
        ("[1, 2]", "no_type"),
        ('{"type": 3}', "no_type"),
        ('{"type": "shout"}', "unknown_type"),
        ('{"type": "__init__"}', "unknown_type"),
        ('{"type": "open"}', "unknown_type"),
        ('{"type": "echo"}', "bad_field"),
        ('{"type": "echo", "text": 5}', "bad_field"),
        ('{"type": "echo", "text": "no"}', "refused"),
        (json.dumps({"type": "echo", "text": "é" * MAX_FRAME_CHARS}), "too_long"),
    ],
)
async def test_every_bad_frame_gets_an_error_frame_and_the_socket_stays_open(text, code):
    communicator = await connected("open", await a_member())
    assert (await next_frame(communicator))["type"] == "hello"
    await communicator.send_to(text_data=text)
    error = await next_frame(communicator)
    assert error["type"] == "error" and error["code"] == code and error["message"]
    await communicator.send_json_to({"type": "echo", "text": "toujours là"})
    assert await next_frame(communicator) == {"type": "echo", "text": "toujours là"}
    await communicator.disconnect()


async def test_a_binary_frame_is_refused_in_words():
    communicator = await connected("open", await a_member())
    await next_frame(communicator)
    await communicator.send_to(bytes_data=b"\x00\x01")
    assert (await next_frame(communicator))["code"] == "not_text"
    await communicator.disconnect()


# Asked before the frame (echo), or once its service refused it (guarded, as the chat's send).
@pytest.mark.parametrize("frame_type", ["echo", "guarded"])
async def test_a_member_no_longer_allowed_is_closed_at_their_next_frame(frame_type):
    communicator = await connected("until-first-frame", await a_member())
    await next_frame(communicator)
    await communicator.send_json_to({"type": frame_type, "text": "encore"})
    assert await closing_code(communicator) == CLOSE_NOT_ALLOWED


async def test_a_cut_for_a_member_closes_their_sockets_and_no_one_elses():
    member, other = await a_member(), await a_member()
    theirs, others = await connected("open", member), await connected("open", other)
    await next_frame(theirs), await next_frame(others)
    await database_sync_to_async(sockets_cut_on_commit)(user_id=member.pk)
    assert await closing_code(theirs) == CLOSE_NOT_ALLOWED
    assert await others.receive_nothing(timeout=0.3)
    await others.disconnect()


async def test_a_cut_narrowed_to_another_scope_leaves_the_socket_open():
    member = await a_member()
    communicator = await connected("open", member)
    await next_frame(communicator)
    await database_sync_to_async(sockets_cut_on_commit)(user_id=member.pk, scope="chat.group.1")
    assert await communicator.receive_nothing(timeout=0.3)
    await database_sync_to_async(sockets_cut_on_commit)(user_id=member.pk, scope="echo.room")
    assert await closing_code(communicator) == CLOSE_NOT_ALLOWED


async def test_signing_out_closes_the_sockets_of_that_browser():
    member = await a_member()
    client = await signed_in_client(member)
    communicator = await connected("open", member, client)
    await next_frame(communicator)
    response = await database_sync_to_async(client.post)("/accounts/logout/")
    assert response.status_code == 302
    assert await closing_code(communicator) == CLOSE_NOT_ALLOWED



async def test_a_frame_its_service_checks_is_not_asked_about_first():
    EchoConsumer.asked.clear()
    communicator = await connected("open", await a_member())
    await next_frame(communicator)
    await communicator.send_json_to({"type": "guarded", "text": "oui"})
    assert await next_frame(communicator) == {"type": "guarded", "text": "oui"}
    assert EchoConsumer.asked == []
    # Refused, it is asked after: still there, the member reads why and the socket stays.
    await communicator.send_json_to({"type": "guarded", "text": "no"})
    error = await next_frame(communicator)
    assert error["code"] == "not_allowed" and error["message"] == "Pas pour vous."
    assert EchoConsumer.asked == ["open"]
    await communicator.disconnect()


async def test_an_event_reaches_the_socket_without_a_hop_to_the_database_thread(monkeypatch):
    # Channels' own dispatch sends every event through the database thread first; a room's
    # delivery of one message would queue there once per socket.
    hops = []

    async def counted():
        hops.append(1)

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counted)
    member = await a_member()
    communicator = await connected("open", member)
    await next_frame(communicator)
    await get_channel_layer().group_send(member_channel_group(member.pk), {"type": "echo.said", "text": "à tous"})
    assert await next_frame(communicator) == {"type": "said", "text": "à tous"}
    await communicator.send_json_to({"type": "echo", "text": "et moi"})
    assert await next_frame(communicator) == {"type": "echo", "text": "et moi"}
    assert hops == []
    await communicator.disconnect()
