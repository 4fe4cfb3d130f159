"""The chat's WebSocket route, registered on `registry.websocket_routes` from ChatConfig.ready()."""

from django.urls import path

from .consumers import ChatConsumer

websocket_urlpatterns = [path("ws/groups/<slug:slug>/chat/", ChatConsumer.as_asgi())]
