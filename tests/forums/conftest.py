import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_flood_counts():
    """Flood counts live in the cache, keyed by member id: ids come back from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unlimited_posting(monkeypatch):
    """For tests that need many posts quickly; flood control itself is tested on its own."""
    from moderation.limits import LIMITS, Limit

    monkeypatch.setitem(LIMITS, "post", Limit(per_minute=10**6, per_hour=10**6, new_per_minute=10**6,
                                               new_per_hour=10**6))
