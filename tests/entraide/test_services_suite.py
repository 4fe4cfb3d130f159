"""Checks that only mean something on the production services: PostgreSQL and Redis.

Run by `make test-services` (CI); skipped, with the reason, where they are not configured.
"""

import asyncio
import uuid
from io import StringIO
from unittest import mock

import pytest
import redis
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django_tasks_db.models import DBTaskResult

from entraide.models import User
from entraide.realtime import publish_on_commit
from entraide.services.contact import contact_wish_register
from tests.factories import UserFactory, region, theme

pytestmark = pytest.mark.services

UNREACHABLE_REDIS_LAYER = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
    }
}


def test_the_suite_runs_on_postgresql(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0]


def test_the_channel_layer_is_redis_and_delivers_a_group_message(db):
    layer = get_channel_layer()
    assert type(layer).__module__ == "channels_redis.core"
    group = f"health-{uuid.uuid4().hex}"

    async def deliver():
        channel = await layer.new_channel()
        await layer.group_add(group, channel)
        await layer.group_send(group, {"type": "group.ping", "text": "Épilepsie"})
        return await layer.receive(channel)

    assert async_to_sync(deliver)() == {"type": "group.ping", "text": "Épilepsie"}


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


def test_the_cache_is_redis_and_stores_outside_the_process(db):
    key = f"probe-{uuid.uuid4().hex}"
    cache.set(key, "stored", timeout=30)

    client = redis.Redis.from_url(settings.REDIS_URL)
    assert any(key in stored.decode() for stored in client.scan_iter(match=f"*{key}*"))
    assert cache.get(key) == "stored"


def test_healthz_answers_200_against_postgresql_and_redis(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


def test_healthz_answers_503_when_redis_cannot_be_reached(client, db, settings):
    settings.CHANNEL_LAYERS = UNREACHABLE_REDIS_LAYER

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["channel_layer"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_postgresql_refuses_a_pseudonym_that_differs_only_in_case(db):
    UserFactory(pseudonym="Colibri")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("other@example.org", "COLIBRI", "a calm password 42")


def test_the_task_worker_runs_a_queued_task_from_postgresql(db, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    first, second = UserFactory(), UserFactory()
    contact_wish_register(actor=first, theme=theme("huntington"), region=region("online"))
    with django_capture_on_commit_callbacks(execute=True):
        contact_wish_register(actor=second, theme=theme("huntington"), region=region("online"))
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"

    # The test runs inside one transaction, which the worker's close_old_connections() would end.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO())

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
