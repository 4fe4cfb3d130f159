"""WebSocket routes of every app, as each registered them in `registry.websocket_routes`."""

from entraide import registry


def websocket_urlpatterns() -> list:
    return [route for routes in registry.websocket_routes.values() for route in routes]
