from django.urls import path

from .consumers import LiveRoomConsumer

# <int:...>, not <id:...>: an id too large for the database still reaches the consumer, which
# closes with 4404 (a route that does not match would end the handshake without a close code).
websocket_urlpatterns = [path("ws/meetings/<int:occurrence_id>/live/", LiveRoomConsumer.as_asgi())]
