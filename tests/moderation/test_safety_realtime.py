"""Mutes and blocks reach the open sockets of the members concerned once stored (a live chat
then folds or leaves out messages from the next one): never the screens of anyone, and a socket
that does not filter by them stays as it was."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.urls import path

from entraide.consumers import FrameConsumer, member_channel_group
from entraide.errors import Conflict
from moderation.services.safety import member_block, member_mute, member_unblock, member_unmute
from tests.factories import UserFactory, join, make_group
from tests.listening import heard_while

CHANGED = {"type": "silences.changed"}


@pytest.fixture
def pair(db):
    group = make_group()
    return join(group), join(group)


def heard_by(members, run) -> dict[int, list[dict]]:
    """What each member's sockets hear while `run()` commits."""
    return heard_while({member.pk: member_channel_group(member.pk) for member in members}, run)


def committing(django_capture_on_commit_callbacks, service, **arguments):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            service(**arguments)
    return run


def test_a_mute_and_its_lifting_are_heard_by_the_one_who_mutes_alone(pair, django_capture_on_commit_callbacks):
    me, other = pair
    for service in (member_mute, member_unmute):
        run = committing(django_capture_on_commit_callbacks, service, actor=me, member=other)
        assert heard_by([me, other], run) == {me.pk: [CHANGED], other.pk: []}


def test_a_block_and_its_lifting_are_heard_by_both_members(pair, django_capture_on_commit_callbacks):
    me, other = pair
    for service in (member_block, member_unblock):
        run = committing(django_capture_on_commit_callbacks, service, actor=me, member=other)
        assert heard_by([me, other], run) == {me.pk: [CHANGED], other.pk: [CHANGED]}


def test_a_refused_mute_or_block_is_heard_by_nobody(pair, django_capture_on_commit_callbacks):
    me, other = pair
    member_mute(actor=me, member=other)
    member_block(actor=me, member=other)

    def refused():
        with django_capture_on_commit_callbacks(execute=True):
            for service in (member_mute, member_block):
                with pytest.raises(Conflict):
                    service(actor=me, member=other)

    assert heard_by([me, other], refused) == {me.pk: [], other.pk: []}


class PlainConsumer(FrameConsumer):
    """A socket that does not filter by mutes and blocks (as a meeting's live room)."""

    async def open(self):
        pass

    async def frame_ping(self, frame):
        await self.send_frame({"type": "pong"})


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("sockets_gone_at_the_end")
async def test_a_socket_that_does_not_filter_by_them_stays_open_and_quiet():
    member = await database_sync_to_async(UserFactory)()
    communicator = WebsocketCommunicator(URLRouter([path("plain/", PlainConsumer.as_asgi())]), "/plain/")
    communicator.scope["user"] = member
    assert (await communicator.connect())[0]
    await get_channel_layer().group_send(member_channel_group(member.pk), CHANGED)
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=3) == {"type": "pong"}
    await communicator.disconnect()
