"""The production ASGI application (entraide.asgi) with the per-member flood limit on chat
messages lifted, for the real-time benchmark only: its senders write far faster than a member
may (20 a minute), and the rate they reach is what is measured. The limit's cache round trips
are still made on every message."""

from entraide.asgi import application  # noqa: F401  (sets Django up first)
from moderation import limits

limits.LIMITS["message"] = limits.Limit(per_minute=10**9, per_hour=10**9, new_per_minute=10**9, new_per_hour=10**9)
