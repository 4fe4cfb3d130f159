"""Real-time events go out only once the transaction that made them commits, on Redis, the
production channel layer (marker `services`: run by `make test-services`, CI; skipped, with the
reason, where Redis is not configured), and in the order they were committed; a socket's
database work does not wait for them to go out."""

import asyncio
import uuid

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from entraide.consumers import in_thread
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


def _published_in_turn(count: int, channel_group: str) -> str:
    # What a socket's service does: its own transaction, its event published once it commits.
    for number in range(count):
        with transaction.atomic():
            publish_on_commit(channel_group, {"type": "counted", "number": number})
    return "stored"


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_sockets_database_work_returns_without_waiting_for_its_event_to_go_out(monkeypatch):
    # The process's one database thread would stand idle while the event loop, busy delivering,
    # got round to the publish.
    layer = get_channel_layer()
    release, published = asyncio.Event(), []

    async def group_send_held_back(channel_group, event):
        await release.wait()
        published.append(event["number"])

    monkeypatch.setattr(layer, "group_send", group_send_held_back)
    try:
        assert await asyncio.wait_for(in_thread(_published_in_turn, 3, "groups.tenue"), 5) == "stored"
        assert published == []
    finally:
        release.set()
    await asyncio.wait_for(_until(lambda: len(published) == 3), 5)
    assert published == [0, 1, 2]


@pytest.mark.services
@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_events_a_sockets_database_work_publishes_are_heard_in_the_order_they_were_committed():
    layer = get_channel_layer()
    channel_group = f"groups.{uuid.uuid4().hex}"
    channel = await layer.new_channel("probe.")
    await layer.group_add(channel_group, channel)
    try:
        await in_thread(_published_in_turn, 40, channel_group)
        heard = [(await asyncio.wait_for(layer.receive(channel), 5))["number"] for _ in range(40)]
    finally:
        await layer.group_discard(channel_group, channel)
    assert heard == list(range(40))


async def _until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.01)
