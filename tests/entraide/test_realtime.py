"""Real-time events go out only once the transaction that made them commits, on Redis, the
production channel layer (marker `services`: run by `make test-services`, CI; skipped, with the
reason, where Redis is not configured)."""

import asyncio
import uuid

import pytest
import redis
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

from entraide.realtime import publish_on_commit


@pytest.mark.services
def test_realtime_events_reach_redis_only_after_the_transaction_commits(db, django_capture_on_commit_callbacks):
    layer = get_channel_layer()
    group = f"groups.{uuid.uuid4().hex}"
    # A plain channel name (no "!"): received straight from Redis, in any event loop.
    channel = f"probe.{uuid.uuid4().hex}"
    async_to_sync(layer.group_add)(group, channel)

    async def received_within(seconds):
        try:
            return await asyncio.wait_for(layer.receive(channel), seconds)
        except asyncio.TimeoutError:
            return None

    redis_client = redis.Redis.from_url(settings.REDIS_URL)
    with django_capture_on_commit_callbacks(execute=True):
        publish_on_commit(group, {"type": "group.updated", "slug": "epilepsie"})
        # Nothing is queued for the channel in Redis before the commit.
        assert not list(redis_client.scan_iter(match=f"*{channel}*"))

    assert async_to_sync(received_within)(5) == {"type": "group.updated", "slug": "epilepsie"}
