"""What the open sockets of some channel groups hear while a piece of work commits, heard as a
server process hears it: a probe channel per group, made and subscribed in one event loop (with
Redis's publish and subscribe, a channel hears only what is published while it listens)."""

import asyncio

from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer


def heard_while(channel_groups: dict, run) -> dict:
    """{key: the events heard on that channel group} for `channel_groups` ({key: group name}),
    while `run()` runs in the test's own thread and transaction."""
    layer = get_channel_layer()

    async def listen():
        probes = {key: await layer.new_channel("probe.") for key in channel_groups}
        for key, channel_group in channel_groups.items():
            await layer.group_add(channel_group, probes[key])
        try:
            await sync_to_async(run)()
            return {key: await drained(layer, probe) for key, probe in probes.items()}
        finally:
            for key, channel_group in channel_groups.items():
                await layer.group_discard(channel_group, probes[key])

    return async_to_sync(listen)()


async def drained(layer, channel) -> list[dict]:
    """Every event that reaches `channel` until none comes for 0.2 s."""
    heard = []
    while True:
        try:
            heard.append(await asyncio.wait_for(layer.receive(channel), 0.2))
        except TimeoutError:
            return heard
