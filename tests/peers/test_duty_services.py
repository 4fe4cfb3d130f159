from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotFound
from peers.models import DutySlot
from peers.selectors.line import next_hours
from peers.selectors.line import on_duty as on_duty_now
from peers.services.duty import duty_slot_leave, duty_slot_take
from tests.factories import UserFactory

from .builders import make_supporter

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def take(member, *, starts_in=timedelta(hours=1), lasting=timedelta(hours=2), language="fr", now=NOW):
    return duty_slot_take(actor=member, language=language, starts_at=now + starts_in,
                          ends_at=now + starts_in + lasting, now=now)


def test_a_confirmed_supporter_takes_a_slot_in_a_language_they_offer():
    member = make_supporter(languages=("fr", "de")).member
    slot = take(member, language="de")
    assert (slot.language, slot.starts_at, slot.ends_at) == ("de", NOW + timedelta(hours=1), NOW + timedelta(hours=3))


@pytest.mark.parametrize("supporter_fields, message", [
    ({"confirmed": False}, "confirmé"),
    ({"paused": True}, "en pause"),
    ({"languages": ("de",)}, "dans cette langue"),
])
def test_only_a_confirmed_supporter_not_paused_offering_the_language_takes_a_slot(supporter_fields, message):
    member = make_supporter(**supporter_fields).member
    with pytest.raises(DomainError, match=message):
        take(member)
    assert not DutySlot.objects.exists()


def test_a_member_who_is_no_supporter_is_refused_with_a_403():
    with pytest.raises(DomainError) as refused:
        take(UserFactory())
    assert refused.value.status == 403


def test_a_slot_in_the_past_is_refused():
    member = make_supporter().member
    with pytest.raises(DomainError, match="dans le passé"):
        take(member, starts_in=-timedelta(hours=1))


def test_a_slot_sent_a_moment_after_its_start_is_taken_from_now():
    member = make_supporter().member
    assert take(member, starts_in=-timedelta(minutes=2)).starts_at == NOW


def test_a_slot_longer_than_four_hours_or_ending_before_it_starts_is_refused():
    member = make_supporter().member
    with pytest.raises(DomainError, match="4 heures au plus"):
        take(member, lasting=timedelta(hours=4, minutes=1))
    with pytest.raises(DomainError, match="finit après son début"):
        take(member, lasting=-timedelta(minutes=30))
    assert take(member, lasting=timedelta(hours=4))


def test_a_slot_overlapping_one_of_ones_own_is_refused_with_a_409_and_one_touching_it_is_taken():
    member = make_supporter(languages=("fr", "de")).member
    take(member)
    with pytest.raises(Conflict, match="déjà une permanence"):
        take(member, starts_in=timedelta(hours=2), language="de")
    assert take(member, starts_in=timedelta(hours=3))


def test_others_slots_at_the_same_time_are_no_overlap():
    take(make_supporter().member)
    assert take(make_supporter().member)


def test_leaving_a_slot_to_come_removes_it_and_one_under_way_ends_now():
    member = make_supporter().member
    coming = take(member)
    assert duty_slot_leave(actor=member, slot=coming, now=NOW) is None
    under_way = take(member, starts_in=timedelta(0))
    ended = duty_slot_leave(actor=member, slot=under_way, now=NOW + timedelta(minutes=30))
    assert ended.ends_at == NOW + timedelta(minutes=30)
    assert list(DutySlot.objects.all()) == [ended]


def test_someone_elses_slot_is_a_404_and_an_ended_one_a_409():
    member = make_supporter().member
    slot = take(member)
    with pytest.raises(NotFound):
        duty_slot_leave(actor=UserFactory(), slot=slot, now=NOW)
    with pytest.raises(Conflict, match="déjà finie"):
        duty_slot_leave(actor=member, slot=slot, now=NOW + timedelta(hours=5))


def test_on_duty_lists_the_slots_under_way_in_the_language():
    here, later, german = (make_supporter(languages=(code,)).member for code in ("fr", "fr", "de"))
    take(here, starts_in=timedelta(0))
    take(later)
    take(german, starts_in=timedelta(0), language="de")
    assert [slot.supporter.member for slot in on_duty_now(language="fr", now=NOW)] == [here]


def test_the_next_hours_merge_slots_that_touch_or_overlap_and_say_nobody():
    first, second, third = (make_supporter().member for _ in range(3))
    take(first, starts_in=timedelta(hours=1), lasting=timedelta(hours=2))
    take(second, starts_in=timedelta(hours=2), lasting=timedelta(hours=2))
    take(third, starts_in=timedelta(hours=6), lasting=timedelta(hours=1))
    assert next_hours(language="fr", now=NOW) == [
        (NOW + timedelta(hours=1), NOW + timedelta(hours=4)), (NOW + timedelta(hours=6), NOW + timedelta(hours=7))]
    assert next_hours(language="de", now=NOW) == []
