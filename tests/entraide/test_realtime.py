"""Real-time events go out only once the transaction that made them commits, on Redis, the
production channel layer (marker `services`: run by `make test-services`, CI; skipped, with the
reason, where Redis is not configured)."""

import asyncio
import uuid

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer

from entraide.realtime import publish_on_commit


@pytest.mark.services
def test_realtime_events_reach_redis_only_after_the_transaction_commits(db, django_capture_on_commit_callbacks):
    layer = get_channel_layer()
    group = f"groups.{uuid.uuid4().hex}"
    with django_capture_on_commit_callbacks() as at_commit:
        publish_on_commit(group, {"type": "group.updated", "slug": "epilepsie"})

    async def heard_only_at_the_commit():
        # A server process listening on the group, as one with a socket in it does.
        channel = await layer.new_channel()
        await layer.group_add(group, channel)
        receiving = asyncio.ensure_future(layer.receive(channel))
        try:
            done, _pending = await asyncio.wait({receiving}, timeout=0.5)
            assert not done, "heard before the transaction committed"
            for callback in at_commit:
                await sync_to_async(callback)()
            return await asyncio.wait_for(receiving, 5)
        finally:
            await layer.group_discard(group, channel)

    assert async_to_sync(heard_only_at_the_commit)() == {"type": "group.updated", "slug": "epilepsie"}
