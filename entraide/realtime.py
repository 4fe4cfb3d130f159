"""The one helper that publishes real-time events, always after the transaction commits."""

import asyncio
import logging
from contextvars import ContextVar

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# The server's event loop, when the caller is a socket's database work (entraide.consumers.in_thread).
serving_loop: ContextVar[asyncio.AbstractEventLoop | None] = ContextVar("serving_loop", default=None)


def publish_on_commit(channel_group: str, event: dict) -> None:
    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        loop = serving_loop.get()
        if loop is None or loop.is_closed():
            async_to_sync(layer.group_send)(channel_group, event)
            return
        # Handed to the loop without waiting: a process's database work runs in one thread, which
        # would otherwise stand idle until the loop, busy delivering, got round to the publish.
        # Publishes keep their order: the loop starts them in turn and the layer sends them in turn.
        asyncio.run_coroutine_threadsafe(layer.group_send(channel_group, event), loop).add_done_callback(
            lambda published: _log_failure(published, channel_group))

    transaction.on_commit(send)


def _log_failure(published, channel_group: str) -> None:
    if not published.cancelled() and published.exception() is not None:
        # What was stored stays stored; sockets that missed the event get it when they resume.
        logger.error("Publishing to %s failed", channel_group, exc_info=published.exception())
