"""The floor of the real-time benchmark: a bare Channels broadcast, no database and no checks.

An ASGI application of its own (not routed in the product), on the same channel layer as the
chat (the project's settings: channels_redis with REDIS_URL). Every socket of /ws/bare/ joins
one group; a `send` frame is broadcast to the group as a `message` frame with the same
client_id and body, as the chat does once it has stored a message. Served the way the chat is:

    daphne bench.bare_broadcast:application
    uvicorn --ws websockets bench.bare_broadcast:application
"""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

GROUP = "bare.broadcast"


class BareBroadcastConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.send(text_data=json.dumps({"type": "hello"}))

    async def disconnect(self, code):
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        frame = json.loads(text_data)
        await self.channel_layer.group_send(
            GROUP, {"type": "bare.message", "client_id": frame["client_id"], "body": frame["body"]}
        )

    async def bare_message(self, event):
        frame = {"type": "message", "client_id": event["client_id"], "body_html": event["body"]}
        await self.send(text_data=json.dumps(frame, ensure_ascii=False, separators=(",", ":")))


application = ProtocolTypeRouter({"websocket": URLRouter([path("ws/bare/", BareBroadcastConsumer.as_asgi())])})
