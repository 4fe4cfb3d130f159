"""Flood control: per-member limits per minute and per hour, stricter for new accounts.
Time is moved by passing `now`, never slept."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from entraide.errors import DomainError
from moderation.limits import HOUR, LIMITS, MINUTE, SlowDown, _key, flood_check
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The start of a minute, so that "a few seconds later" stays in the same minute and hour.
START = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=3)


def seasoned_member():
    return UserFactory(date_joined=START - timedelta(days=30))


def new_member():
    return UserFactory(date_joined=START - timedelta(hours=2))


def use_up(actor, action, count, now=START):
    for _ in range(count):
        flood_check(actor=actor, action=action, now=now)


def test_a_member_posts_up_to_the_minute_limit_then_is_asked_to_slow_down_kindly():
    member = seasoned_member()
    use_up(member, "post", LIMITS["post"].per_minute)
    with pytest.raises(SlowDown) as refused:
        flood_check(actor=member, action="post", now=START + timedelta(seconds=30))
    assert refused.value.status == 429
    assert isinstance(refused.value, DomainError)
    assert refused.value.message == "Vous écrivez très vite : attendez une minute avant de réessayer."
    assert refused.value.retry_after == 30


def test_the_next_minute_the_member_may_post_again():
    member = seasoned_member()
    use_up(member, "post", LIMITS["post"].per_minute)
    flood_check(actor=member, action="post", now=START + timedelta(minutes=1))


def test_the_hour_limit_holds_even_when_spread_over_minutes():
    member = seasoned_member()
    limit = LIMITS["post"]
    for index in range(limit.per_hour):
        flood_check(actor=member, action="post", now=START + timedelta(minutes=index // limit.per_minute))
    with pytest.raises(SlowDown) as refused:
        flood_check(actor=member, action="post", now=START + timedelta(minutes=59))
    assert "cette dernière heure" in refused.value.message
    assert refused.value.retry_after == 60
    flood_check(actor=member, action="post", now=START + timedelta(hours=1))


def test_an_account_younger_than_a_day_has_stricter_limits():
    limit = LIMITS["post"]
    assert limit.new_per_minute < limit.per_minute and limit.new_per_hour < limit.per_hour
    newcomer = new_member()
    use_up(newcomer, "post", limit.new_per_minute)
    with pytest.raises(SlowDown):
        flood_check(actor=newcomer, action="post", now=START)
    seasoned = seasoned_member()
    use_up(seasoned, "post", limit.new_per_minute + 1)


def test_after_its_first_day_an_account_gets_the_ordinary_limits():
    member = new_member()
    a_day_later = member.date_joined + timedelta(days=1, minutes=1)
    use_up(member, "post", LIMITS["post"].per_minute, now=a_day_later)


@pytest.mark.parametrize("action", ["post", "message", "report"])
def test_each_action_has_its_limit_and_counts_apart(action):
    member = seasoned_member()
    use_up(member, action, LIMITS[action].per_minute)
    with pytest.raises(SlowDown):
        flood_check(actor=member, action=action, now=START)
    other_action = "message" if action != "message" else "post"
    flood_check(actor=member, action=other_action, now=START)


def test_one_member_s_count_does_not_slow_another_down():
    first, second = seasoned_member(), seasoned_member()
    use_up(first, "report", LIMITS["report"].per_minute)
    flood_check(actor=second, action="report", now=START)


def test_refused_attempts_are_not_counted_so_waiting_is_enough():
    member = seasoned_member()
    limit = LIMITS["message"]
    use_up(member, "message", limit.per_minute)
    for _ in range(50):
        with pytest.raises(SlowDown):
            flood_check(actor=member, action="message", now=START + timedelta(seconds=10))
    # The refusals did not eat into the hour: a full minute's worth is allowed next minute.
    use_up(member, "message", limit.per_minute, now=START + timedelta(minutes=1))


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        flood_check(actor=seasoned_member(), action="shout", now=START)


@pytest.mark.services
def test_on_redis_each_count_expires_with_its_window_even_after_a_refusal():
    member = seasoned_member()
    use_up(member, "message", LIMITS["message"].per_minute)
    with pytest.raises(SlowDown):
        flood_check(actor=member, action="message", now=START)
    client = cache._cache.get_client(write=True)
    timestamp = int(START.timestamp())
    for seconds in (MINUTE, HOUR):
        stored_key = cache.make_and_validate_key(_key("message", member, timestamp // seconds, seconds))
        assert int(client.get(stored_key)) == LIMITS["message"].per_minute
        assert 0 < client.ttl(stored_key) <= seconds * 2
