"""The listening line's WebSocket route, registered on `registry.websocket_routes` from PeersConfig.ready()."""

from django.urls import path

from .consumers import LineConsumer

# <int:...>: an id too large for the database still reaches the consumer, which closes with 4404.
websocket_urlpatterns = [path("ws/line/<int:conversation_id>/", LineConsumer.as_asgi())]
