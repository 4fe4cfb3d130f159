"""How Entraide's WebSocket server is started: Daphne with message and frame size limits of ours.

Daphne (4.2.2 and later) refuses any incoming WebSocket message or frame above a size and drops
that one connection (autobahn fails it): the bytes are never buffered beyond the limit, and no
other socket notices. Daphne's CLI takes both limits since 4.2.2 (CVE-2026-44545). Its default, 1 MiB, is sixteen times what any socket here takes:
the largest frame the consumers read is MAX_FRAME_CHARS characters (a chat message of 4,000
characters with its JSON around it), and a character takes at most 4 bytes in UTF-8. Anything
between that and the limit gets the consumers' own "too_long" error frame, the socket open.

`make run` (serve_demo), the tests that start servers, the real-time benchmark and
docs/deploy.md all start Daphne from here."""

import sys

from entraide.consumers import MAX_FRAME_CHARS

# 16,000 characters x 4 bytes = 64,000 bytes: 64 KiB holds the largest frame in any language.
WEBSOCKET_MAX_MESSAGE_BYTES = 64 * 1024
# Browsers send each message as one frame, so a frame may be as large as a message.
WEBSOCKET_MAX_FRAME_BYTES = WEBSOCKET_MAX_MESSAGE_BYTES
assert WEBSOCKET_MAX_MESSAGE_BYTES >= 4 * MAX_FRAME_CHARS

ASGI_APPLICATION = "entraide.asgi:application"


def daphne_command(host: str, port: int, *, application: str = ASGI_APPLICATION, extra=()) -> list[str]:
    return [
        sys.executable, "-m", "daphne", "-b", host, "-p", str(port),
        "--websocket-max-message-size", str(WEBSOCKET_MAX_MESSAGE_BYTES),
        "--websocket-max-frame-size", str(WEBSOCKET_MAX_FRAME_BYTES),
        *extra, application,
    ]
