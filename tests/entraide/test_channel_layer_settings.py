"""The Redis channel layer as the settings build it: a connection pool sized for a burst of
sockets on one process (redis-py 8 caps an asyncio pool at 100 connections by default), and a
per-process capacity past which channels_redis drops group sends."""

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from channels_redis.core import RedisChannelLayer
from django.conf import settings
from redis.exceptions import MaxConnectionsError

ROOT = Path(__file__).resolve().parents[2]
BURST = 400


def layer_from_settings(**changes) -> RedisChannelLayer:
    """A layer of its own (not the process's shared one), with the settings' configuration and
    a prefix for this test alone."""
    config = {**settings.CHANNEL_LAYERS["default"]["CONFIG"], "prefix": f"test-{uuid.uuid4().hex}", **changes}
    return RedisChannelLayer(**config)


async def sockets_connect_at_once(layer: RedisChannelLayer, count: int) -> list[str]:
    """What `count` sockets connecting together do on the layer: each joins its member's group,
    its session's group and the room's, one after the other, as FrameConsumer does, at the same
    moment as all the others."""

    async def connect(index: int) -> str:
        channel = await layer.new_channel()
        for group in (f"member.{index}", f"session.{index}", "chat.group.burst"):
            await layer.group_add(group, channel)
        return channel

    return await asyncio.gather(*(connect(index) for index in range(count)))


async def burst_then_broadcast(layer: RedisChannelLayer, count: int) -> list[dict]:
    try:
        channels = await sockets_connect_at_once(layer, count)
        await asyncio.gather(*(layer.group_send(f"member.{index}", {"type": "chat.hello"}) for index in range(count)))
        await layer.group_send("chat.group.burst", {"type": "chat.message", "seq": 1})
        received = [await asyncio.wait_for(layer.receive(channel), 10) for channel in channels]
        received += [await asyncio.wait_for(layer.receive(channel), 10) for channel in channels]
        return received
    finally:
        await layer.flush()


@pytest.mark.services
def test_a_burst_of_four_hundred_sockets_on_one_process_gets_every_event_and_no_max_connections_error():
    received = async_to_sync(burst_then_broadcast)(layer_from_settings(), BURST)

    assert received.count({"type": "chat.hello"}) == BURST
    assert received.count({"type": "chat.message", "seq": 1}) == BURST


@pytest.mark.services
def test_the_same_burst_on_redis_pys_default_pool_fails_with_max_connections_error():
    # What the sized pool is for: redis-py's own default (100) refuses the burst.
    layer = layer_from_settings(hosts=[settings.REDIS_URL])

    with pytest.raises(MaxConnectionsError):
        async_to_sync(burst_then_broadcast)(layer, BURST)


@pytest.mark.services
def test_a_process_over_the_layers_capacity_loses_group_sends_silently():
    # Why the capacity is set deliberately, and why the chat's resume is the safety net: every
    # socket of a process is queued under one key, and a process that does not read drops
    # what arrives past the capacity, with no error to the sender.
    layer = layer_from_settings(capacity=5)

    async def send_ten_then_read():
        try:
            channel = await layer.new_channel()
            await layer.group_add("chat.group.slow", channel)
            for seq in range(1, 11):
                await layer.group_send("chat.group.slow", {"type": "chat.message", "seq": seq})
            kept = [await asyncio.wait_for(layer.receive(channel), 5) for _ in range(5)]
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(layer.receive(channel), 0.5)
            return [event["seq"] for event in kept]
        finally:
            await layer.flush()

    assert async_to_sync(send_ten_then_read)() == [1, 2, 3, 4, 5]


def pool_and_capacity_with(tmp_path, **variables) -> tuple[int, int, int, str]:
    code = (
        "import django, os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'entraide.settings'\ndjango.setup()\n"
        "from channels.layers import get_channel_layer\nlayer = get_channel_layer()\n"
        "pool = layer.create_pool(0)\n"
        "print(pool.max_connections, layer.capacity, layer.expiry,\n"
        "      pool.connection_kwargs['socket_timeout'] > layer.brpop_timeout)\n"
    )
    env = {key: value for key, value in os.environ.items()
           if key not in {"REDIS_URL", "REDIS_MAX_CONNECTIONS", "CHANNEL_LAYER_CAPACITY", "DJANGO_SETTINGS_MODULE"}}
    env.update(DEBUG="1", ENTRAIDE_VAR_DIR=str(tmp_path), REDIS_URL="redis://127.0.0.1:6379/6", **variables)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    max_connections, capacity, expiry, read_outlasts_wait = result.stdout.split()
    return int(max_connections), int(capacity), int(expiry), read_outlasts_wait


def test_the_layers_pool_takes_a_thousand_connections_and_a_process_a_thousand_events_by_default(tmp_path):
    # A Redis read outlasts channels_redis's blocking receive (redis-py 8 gives up after 5 s,
    # what that receive waits): otherwise a socket's consumer dies of a read timeout under load.
    assert pool_and_capacity_with(tmp_path) == (1000, 1000, 30, "True")


def test_the_pool_and_the_capacity_are_sized_from_the_environment(tmp_path):
    seen = pool_and_capacity_with(tmp_path, REDIS_MAX_CONNECTIONS="250", CHANNEL_LAYER_CAPACITY="40")

    assert seen == (250, 40, 30, "True")
