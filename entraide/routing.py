"""WebSocket routes of every app; each app adds its own list here."""

websocket_urlpatterns: list = []
