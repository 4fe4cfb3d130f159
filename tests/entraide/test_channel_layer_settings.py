"""The Redis channel layer as the settings build it: publish and subscribe, so that a room's
message is one PUBLISH that each server process hears once and hands to its own sockets, and a
burst of sockets connecting at once on one process misses nothing."""

import asyncio
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels_redis.pubsub import RedisPubSubChannelLayer
from django.conf import settings

BURST = 400


def layer_from_settings() -> RedisPubSubChannelLayer:
    """A layer of its own (not the process's shared one), as a server process has, with the
    settings' configuration and a prefix for this test alone."""
    config = {**settings.CHANNEL_LAYERS["default"]["CONFIG"], "prefix": f"test-{uuid.uuid4().hex}"}
    return RedisPubSubChannelLayer(**config)


async def sockets_connect_at_once(layer: RedisPubSubChannelLayer, count: int, *, first: int = 0) -> list[str]:
    """What `count` sockets connecting together do on the layer: each joins its member's group,
    its session's group and the room's, one after the other, as FrameConsumer does, at the same
    moment as all the others."""

    async def connect(index: int) -> str:
        channel = await layer.new_channel()
        for group in (f"member.{index}", f"session.{index}", "chat.group.burst"):
            await layer.group_add(group, channel)
        return channel

    return await asyncio.gather(*(connect(index) for index in range(first, first + count)))


@pytest.mark.services
def test_a_burst_of_four_hundred_sockets_on_one_process_gets_every_event():
    layer = layer_from_settings()

    async def burst_then_broadcast() -> list[dict]:
        try:
            channels = await sockets_connect_at_once(layer, BURST)
            await asyncio.gather(*(layer.group_send(f"member.{index}", {"type": "chat.hello"})
                                   for index in range(BURST)))
            await layer.group_send("chat.group.burst", {"type": "chat.message", "seq": 1})
            received = [await asyncio.wait_for(layer.receive(channel), 10) for channel in channels]
            return received + [await asyncio.wait_for(layer.receive(channel), 10) for channel in channels]
        finally:
            await layer.flush()

    received = async_to_sync(burst_then_broadcast)()

    assert received.count({"type": "chat.hello"}) == BURST
    assert received.count({"type": "chat.message", "seq": 1}) == BURST


@pytest.mark.services
def test_a_room_spread_over_two_processes_hears_each_message_once_per_socket_and_nothing_of_other_rooms():
    # Two layers with one prefix are two server processes on one Redis.
    config = {**settings.CHANNEL_LAYERS["default"]["CONFIG"], "prefix": f"test-{uuid.uuid4().hex}"}
    first, second = RedisPubSubChannelLayer(**config), RedisPubSubChannelLayer(**config)

    async def two_processes() -> tuple[list[dict], list[bool]]:
        try:
            here = await sockets_connect_at_once(first, 3)
            there = await sockets_connect_at_once(second, 2, first=3)
            elsewhere = await second.new_channel()
            await second.group_add("chat.group.other", elsewhere)
            await first.group_send("chat.group.burst", {"type": "chat.message", "seq": 7})
            heard = [await asyncio.wait_for(first.receive(channel), 5) for channel in here]
            heard += [await asyncio.wait_for(second.receive(channel), 5) for channel in there]
            receiving = asyncio.ensure_future(second.receive(elsewhere))
            done, _pending = await asyncio.wait({receiving}, timeout=0.5)
            receiving.cancel()
            return heard, [bool(done)]
        finally:
            await first.flush()
            await second.flush()

    heard, other_room_heard = async_to_sync(two_processes)()

    assert heard == [{"type": "chat.message", "seq": 7}] * 5
    assert other_room_heard == [False]
