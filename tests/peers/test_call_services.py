"""A pairing's calls: either of the two schedules one in the pairing's own room, within sensible
bounds; the room opens 15 minutes before and closes at the end; to anyone else nothing exists."""

import threading
from datetime import timedelta

import jwt
import pytest
from django.db import connection
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotAllowed, NotFound
from moderation.services.safety import member_block
from peers.models import PairingCall, pairing_room_name
from peers.permissions import can_cancel_call, can_join_call, can_propose_call
from peers.permissions.calls import UPCOMING_CALLS_MAX
from peers.selectors.calls import call_for, call_join, upcoming_calls
from peers.services.calls import call_cancel, call_schedule
from peers.services.pairings import pairing_end
from tests.factories import UserFactory
from tests.notifications.builders import group_of

from .pairing_builders import make_pairing

pytestmark = pytest.mark.django_db

SECRET = "a secret only the Jitsi server and the platform know"


@pytest.fixture
def tokens(settings):
    settings.JITSI_BASE_URL = "https://video.example.org"
    settings.JITSI_APP_ID = "entraide"
    settings.JITSI_APP_SECRET = SECRET
    return settings


def tomorrow():
    return timezone.now().replace(microsecond=0) + timedelta(days=1)


def two_of(pairing):
    return pairing.request.requester, pairing.supporter.member


def test_either_of_the_two_schedules_a_call_of_an_hour_by_default():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    assert can_propose_call(requester, pairing) and can_propose_call(supporter, pairing)
    assert not can_propose_call(UserFactory(), pairing)
    first = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow())
    second = call_schedule(actor=supporter, pairing=pairing, starts_at=tomorrow() + timedelta(days=1), minutes=30)
    assert first.ends_at - first.starts_at == timedelta(hours=1) and first.proposed_by == requester
    assert second.ends_at - second.starts_at == timedelta(minutes=30) and second.proposed_by == supporter


def test_for_anyone_else_the_pairing_and_its_calls_do_not_exist():
    pairing = make_pairing()
    call = call_schedule(actor=pairing.request.requester, pairing=pairing, starts_at=tomorrow())
    for stranger in (UserFactory(), UserFactory(is_staff=True)):
        with pytest.raises(NotFound):
            call_schedule(actor=stranger, pairing=pairing, starts_at=tomorrow() + timedelta(days=2))
        with pytest.raises(NotFound):
            call_cancel(actor=stranger, call=call)
        with pytest.raises(NotFound):
            call_join(stranger, call, now=call.starts_at)
        with pytest.raises(NotFound):
            upcoming_calls(stranger, pairing)
        with pytest.raises(NotFound):
            call_for(stranger, call.pk)
    assert not PairingCall.objects.filter(cancelled_at__isnull=False).exists()


def test_a_call_is_found_by_its_two_people_and_an_unknown_or_huge_id_is_not_found():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    call = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow())
    assert call_for(supporter, call.pk) == call_for(requester, call.pk) == call
    for pk in (call.pk + 1, 10**30, 0, -1, "1"):
        with pytest.raises(NotFound):
            call_for(requester, pk)


def test_a_call_is_in_the_future_and_at_most_ninety_days_ahead():
    pairing = make_pairing()
    requester, _supporter = two_of(pairing)
    with pytest.raises(DomainError, match="moment à venir"):
        call_schedule(actor=requester, pairing=pairing, starts_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(DomainError, match="moment à venir"):
        call_schedule(actor=requester, pairing=pairing, starts_at=None)
    with pytest.raises(DomainError, match="90 jours à l'avance"):
        call_schedule(actor=requester, pairing=pairing, starts_at=timezone.now() + timedelta(days=91))
    assert not PairingCall.objects.exists()


@pytest.mark.parametrize("minutes", [0, 14, 121, 10**30, -5, "60", True])
def test_a_call_lasts_between_a_quarter_of_an_hour_and_two_hours(minutes):
    pairing = make_pairing()
    with pytest.raises(DomainError, match="entre 15 et 120 minutes"):
        call_schedule(actor=pairing.request.requester, pairing=pairing, starts_at=tomorrow(), minutes=minutes)


def test_two_calls_of_a_pairing_do_not_overlap_but_may_follow_each_other():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow())
    with pytest.raises(Conflict, match="déjà lieu à ce moment-là"):
        call_schedule(actor=supporter, pairing=pairing, starts_at=tomorrow() + timedelta(minutes=30))
    with pytest.raises(Conflict, match="déjà lieu à ce moment-là"):
        call_schedule(actor=supporter, pairing=pairing, starts_at=tomorrow() - timedelta(minutes=30))
    call_schedule(actor=supporter, pairing=pairing, starts_at=tomorrow() + timedelta(hours=1))
    assert PairingCall.objects.filter(pairing=pairing).count() == 2


def test_a_cancelled_call_leaves_its_time_free():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    call = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow())
    call_cancel(actor=supporter, call=call)
    call_schedule(actor=supporter, pairing=pairing, starts_at=tomorrow())


def test_at_most_five_calls_are_to_come_and_a_past_one_does_not_count():
    pairing = make_pairing()
    requester, _supporter = two_of(pairing)
    earlier = timezone.now() - timedelta(days=10)
    call_schedule(actor=requester, pairing=pairing, starts_at=earlier + timedelta(hours=1), now=earlier)
    for day in range(UPCOMING_CALLS_MAX):
        call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow() + timedelta(days=day))
    with pytest.raises(Conflict, match="5 appels à venir"):
        call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow() + timedelta(days=10))


def test_no_call_is_scheduled_in_an_ended_pairing_and_none_is_to_come_any_more():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    call = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow())
    pairing = pairing_end(actor=supporter, pairing=pairing)
    with pytest.raises(Conflict, match="jumelage est terminé"):
        call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow() + timedelta(days=1))
    assert upcoming_calls(requester, pairing) == [] and not can_propose_call(requester, pairing)
    with pytest.raises(Conflict, match="jumelage est terminé"):
        call_join(requester, call_for(requester, call.pk), now=call.starts_at)


def test_after_a_block_no_new_call_is_scheduled():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    group_of(requester, supporter)  # where one can block the other
    member_block(actor=supporter, member=requester)
    for actor in (requester, supporter):
        with pytest.raises(NotAllowed, match="ne reçoit pas d'appels"):
            call_schedule(actor=actor, pairing=pairing, starts_at=tomorrow())


def test_cancelling_twice_or_after_the_call_is_a_conflict():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    call = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow())
    assert can_cancel_call(supporter, call)
    call_cancel(actor=supporter, call=call)
    assert PairingCall.objects.get(pk=call.pk).is_cancelled
    with pytest.raises(Conflict, match="déjà annulé"):
        call_cancel(actor=requester, call=call)
    later = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow() + timedelta(days=1))
    with pytest.raises(Conflict, match="déjà eu lieu"):
        call_cancel(actor=requester, call=later, now=later.ends_at)


def test_the_calls_to_come_are_listed_soonest_first_without_cancelled_or_past_ones(django_assert_num_queries):
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    earlier = timezone.now() - timedelta(days=3)
    call_schedule(actor=requester, pairing=pairing, starts_at=earlier + timedelta(hours=1), now=earlier)
    later = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow() + timedelta(days=2))
    sooner = call_schedule(actor=supporter, pairing=pairing, starts_at=tomorrow())
    cancelled = call_schedule(actor=supporter, pairing=pairing, starts_at=tomorrow() + timedelta(days=1))
    call_cancel(actor=requester, call=cancelled)
    with django_assert_num_queries(1):
        assert upcoming_calls(supporter, pairing) == [sooner, later]


def test_every_call_of_a_pairing_is_in_its_own_room_which_no_one_guesses_from_its_id(settings):
    pairing, other = make_pairing(), make_pairing()
    first = call_schedule(actor=pairing.request.requester, pairing=pairing, starts_at=tomorrow())
    second = call_schedule(actor=pairing.request.requester, pairing=pairing, starts_at=tomorrow() + timedelta(days=1))
    elsewhere = call_schedule(actor=other.request.requester, pairing=other, starts_at=tomorrow())
    assert first.room_name == second.room_name != elsewhere.room_name
    assert first.room_name.startswith("jumelage") and len(first.room_name) == 40 and first.room_name.isalnum()
    room = first.room_name
    settings.SECRET_KEY = "another secret key, another room"
    assert pairing_room_name(pairing.pk) != room


def test_the_room_opens_a_quarter_of_an_hour_before_and_closes_at_the_end():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    call = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow())
    with pytest.raises(DomainError, match="ouvre 15 minutes avant"):
        call_join(supporter, call, now=call.starts_at - timedelta(minutes=16))
    assert not can_join_call(supporter, call, call.starts_at - timedelta(minutes=16))
    assert can_join_call(supporter, call, call.starts_at - timedelta(minutes=15))
    with pytest.raises(DomainError, match="appel est terminé"):
        call_join(supporter, call, now=call.ends_at)


def test_without_tokens_the_room_is_opened_by_its_address_alone(settings):
    settings.JITSI_BASE_URL = "https://meet.example.org/"
    pairing = make_pairing()
    call = call_schedule(actor=pairing.request.requester, pairing=pairing, starts_at=tomorrow())
    room = call_join(pairing.supporter.member, call, now=call.starts_at)
    assert room.url == f"https://meet.example.org/{call.room_name}"
    assert room.token is None and not room.embed


def test_with_tokens_each_gets_one_for_the_pairings_room_with_the_pseudonym_as_moderator(tokens):
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    call = call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow())
    room = call_join(supporter, call, now=call.starts_at)
    claims = jwt.decode(room.token, SECRET, algorithms=["HS256"], audience="jitsi",
                        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False})
    assert claims["room"] == call.room_name and room.embed
    assert claims["context"]["user"] == {"id": str(supporter.pk), "name": supporter.pseudonym, "moderator": True}
    assert supporter.email not in str(claims)


def test_a_cancelled_call_cannot_be_joined():
    pairing = make_pairing()
    requester, supporter = two_of(pairing)
    call = call_cancel(actor=supporter, call=call_schedule(actor=requester, pairing=pairing, starts_at=tomorrow()))
    with pytest.raises(Conflict, match="a été annulé"):
        call_join(requester, call, now=call.starts_at)


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_scheduling_at_the_same_time_at_once_get_one_call_and_one_conflict(settings):
    settings.ROOT_URLCONF = "tests.peers.urls_for_tests"  # the notices' links, mailed after commit
    pairing = make_pairing()
    starts_at = tomorrow()
    start = threading.Barrier(2)
    outcomes = []

    def schedule(actor):
        try:
            start.wait(timeout=30)
            call_schedule(actor=actor, pairing=pairing, starts_at=starts_at)
            outcomes.append("scheduled")
        except Conflict:
            outcomes.append("conflict")
        except Exception as error:  # noqa: BLE001 (reported below)
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=schedule, args=(actor,)) for actor in two_of(pairing)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(str, outcomes)) == ["conflict", "scheduled"]
    assert PairingCall.objects.filter(pairing=pairing).count() == 1
