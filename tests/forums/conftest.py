import pytest

from tests.factories import UserFactory
from tests.notifications.builders import group_of

# Flood counts live in the cache: tests/conftest.py starts every test with an empty one
# (a new key prefix on Redis, where clearing would empty the other workers' keys too).


@pytest.fixture
def unlimited_posting(monkeypatch):
    """For tests that need many posts quickly; flood control itself is tested on its own."""
    from moderation.limits import LIMITS, Limit

    monkeypatch.setitem(LIMITS, "post", Limit(per_minute=10**6, per_hour=10**6, new_per_minute=10**6,
                                               new_per_hour=10**6))


@pytest.fixture
def trio():
    """Anna, Bruno and Chloé, the three members of one group."""
    anna, bruno, chloe = UserFactory(pseudonym="Anna"), UserFactory(pseudonym="Bruno"), UserFactory(pseudonym="Chloé")
    return group_of(anna, bruno, chloe), anna, bruno, chloe
