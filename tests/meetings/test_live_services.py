"""The live room's controls, each by the role it belongs to and refused to the others; the state
they leave in the database and publish after commit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.services.groups import group_leave
from entraide.standing import read_standing
from meetings import permissions
from meetings.models import AgendaItemKind, LiveRoom, TurnOutcome
from meetings.selectors.live import live_state
from meetings.services import agenda as agenda_services
from meetings.services import live as services

from tests.factories import UserFactory, join

from .live_room_builders import arrive, leave, live_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return live_meeting()


def names(people) -> list[str]:
    return [person["pseudonym"] for person in people]


def started_round(meeting):
    arrive(meeting.occurrence, meeting.member, meeting.host, meeting.other)
    return services.round_start(actor=meeting.host, occurrence=meeting.occurrence)


# --- The round ------------------------------------------------------------------------------


def test_the_host_starts_a_round_and_everyone_present_is_queued_in_the_order_they_arrived(meeting):
    state = started_round(meeting)
    assert names(state["round"]["queue"]) == ["Member", "Host", "Other"]
    assert state["speaker"]["pseudonym"] == "Member"
    assert state["version"] == 1
    assert state == live_state(meeting.occurrence.pk)


def test_a_member_who_left_the_room_is_not_queued(meeting):
    arrive(meeting.occurrence, meeting.member, meeting.other)
    leave(meeting.occurrence, meeting.other)
    arrive(meeting.occurrence, meeting.host)
    state = services.round_start(actor=meeting.host, occurrence=meeting.occurrence)
    assert names(state["round"]["queue"]) == ["Member", "Host"]


def test_a_member_with_two_sockets_stays_present_when_one_closes(meeting):
    arrive(meeting.occurrence, meeting.member, meeting.member)
    leave(meeting.occurrence, meeting.member)
    state = services.round_start(actor=meeting.host, occurrence=meeting.occurrence)
    assert names(state["round"]["queue"]) == ["Member"]


@pytest.mark.parametrize("who", ["timekeeper", "member", "planner"])
def test_only_the_host_starts_a_round_when_there_is_one(meeting, who):
    arrive(meeting.occurrence, meeting.member)
    with pytest.raises(NotAllowed):
        services.round_start(actor=getattr(meeting, who), occurrence=meeting.occurrence)
    assert not LiveRoom.objects.filter(occurrence=meeting.occurrence).exists()


def test_with_no_host_the_groups_role_holders_lead():
    meeting = live_meeting(host=False)
    arrive(meeting.occurrence, meeting.member)
    with pytest.raises(NotAllowed):
        services.round_start(actor=meeting.member, occurrence=meeting.occurrence)
    state = services.round_start(actor=meeting.planner, occurrence=meeting.occurrence)
    assert names(state["round"]["queue"]) == ["Member"]


def test_a_round_needs_someone_in_the_room_and_cannot_start_twice(meeting):
    with pytest.raises(DomainError, match="Personne n'est encore dans le salon"):
        services.round_start(actor=meeting.host, occurrence=meeting.occurrence)
    started_round(meeting)
    with pytest.raises(Conflict):
        services.round_start(actor=meeting.host, occurrence=meeting.occurrence)


def test_the_speaker_says_they_are_done_and_the_floor_goes_to_the_next_in_the_round(meeting):
    started_round(meeting)
    state = services.round_speak_done(actor=meeting.member, occurrence=meeting.occurrence)
    assert names(state["round"]["queue"]) == ["Host", "Other"]
    assert state["round"]["done"] == [{"id": meeting.member.pk, "pseudonym": "Member", "passed": False}]
    assert state["speaker"]["pseudonym"] == "Host"


@pytest.mark.parametrize("who", ["host", "timekeeper"])
def test_the_host_or_the_timekeeper_may_pass_a_turn_for_the_speaker(meeting, who):
    started_round(meeting)
    state = services.round_pass(actor=getattr(meeting, who), occurrence=meeting.occurrence)
    assert state["round"]["done"][0]["passed"] is True
    assert state["speaker"]["pseudonym"] == "Host"


def test_someone_whose_turn_it_is_not_may_not_end_it(meeting):
    started_round(meeting)
    with pytest.raises(NotAllowed, match="Ce n'est pas votre tour"):
        services.round_speak_done(actor=meeting.other, occurrence=meeting.occurrence)
    assert live_state(meeting.occurrence.pk)["version"] == 1


def test_once_everyone_has_spoken_nobody_has_the_floor_and_the_host_ends_the_round(meeting):
    started_round(meeting)
    for speaker in (meeting.member, meeting.host, meeting.other):
        state = services.round_speak_done(actor=speaker, occurrence=meeting.occurrence)
    assert state["round"]["queue"] == [] and state["speaker"] is None
    with pytest.raises(DomainError, match="Tout le monde a eu son tour"):
        services.round_pass(actor=meeting.host, occurrence=meeting.occurrence)
    with pytest.raises(NotAllowed):
        services.round_end(actor=meeting.timekeeper, occurrence=meeting.occurrence)
    state = services.round_end(actor=meeting.host, occurrence=meeting.occurrence)
    assert state["round"] is None
    with pytest.raises(DomainError, match="Aucun tour de table"):
        services.round_end(actor=meeting.host, occurrence=meeting.occurrence)


# --- Hands and the floor ------------------------------------------------------------------


def test_a_member_present_raises_a_hand_and_hands_are_ordered_by_the_time_raised(meeting):
    arrive(meeting.occurrence, meeting.member, meeting.other)
    now = timezone.now()
    services.hand_raise(actor=meeting.other, occurrence=meeting.occurrence, now=now)
    state = services.hand_raise(actor=meeting.member, occurrence=meeting.occurrence, now=now + timedelta(seconds=1))
    assert names(state["hands"]) == ["Other", "Member"]
    with pytest.raises(Conflict):
        services.hand_raise(actor=meeting.member, occurrence=meeting.occurrence)
    state = services.hand_lower(actor=meeting.other, occurrence=meeting.occurrence)
    assert names(state["hands"]) == ["Member"]
    with pytest.raises(DomainError, match="pas levée"):
        services.hand_lower(actor=meeting.other, occurrence=meeting.occurrence)


def test_a_member_not_in_the_room_and_someone_outside_the_group_may_not_raise_a_hand(meeting):
    with pytest.raises(NotAllowed, match="Entrez dans le salon"):
        services.hand_raise(actor=meeting.member, occurrence=meeting.occurrence)
    arrive(meeting.occurrence, meeting.outsider)
    with pytest.raises(NotAllowed):
        services.hand_raise(actor=meeting.outsider, occurrence=meeting.occurrence)


@pytest.mark.parametrize("who", ["host", "timekeeper"])
def test_the_host_or_the_timekeeper_gives_the_floor_to_the_first_hand(meeting, who):
    arrive(meeting.occurrence, meeting.member, meeting.other)
    services.hand_raise(actor=meeting.other, occurrence=meeting.occurrence)
    services.hand_raise(actor=meeting.member, occurrence=meeting.occurrence)
    state = services.floor_give_next(actor=getattr(meeting, who), occurrence=meeting.occurrence)
    assert state["speaker"]["pseudonym"] == "Other"
    assert names(state["hands"]) == ["Member"]


def test_skipping_passes_over_the_first_hand_and_leaves_the_floor_where_it_is(meeting):
    arrive(meeting.occurrence, meeting.member, meeting.other)
    services.hand_raise(actor=meeting.other, occurrence=meeting.occurrence)
    services.hand_raise(actor=meeting.member, occurrence=meeting.occurrence)
    services.floor_give_next(actor=meeting.host, occurrence=meeting.occurrence)
    services.hand_raise(actor=meeting.other, occurrence=meeting.occurrence)
    state = services.floor_skip(actor=meeting.timekeeper, occurrence=meeting.occurrence)
    assert state["speaker"]["pseudonym"] == "Other" and names(state["hands"]) == ["Other"]


def test_with_no_hand_up_the_next_clears_the_floor_and_then_is_refused(meeting):
    arrive(meeting.occurrence, meeting.member)
    services.hand_raise(actor=meeting.member, occurrence=meeting.occurrence)
    services.floor_give_next(actor=meeting.host, occurrence=meeting.occurrence)
    assert services.floor_give_next(actor=meeting.host, occurrence=meeting.occurrence)["speaker"] is None
    with pytest.raises(DomainError, match="Personne n'a levé la main"):
        services.floor_give_next(actor=meeting.host, occurrence=meeting.occurrence)
    with pytest.raises(DomainError, match="Personne n'a levé la main"):
        services.floor_skip(actor=meeting.host, occurrence=meeting.occurrence)


@pytest.mark.parametrize("service", [services.floor_give_next, services.floor_skip])
def test_a_member_may_not_give_the_floor(meeting, service):
    arrive(meeting.occurrence, meeting.other)
    services.hand_raise(actor=meeting.other, occurrence=meeting.occurrence)
    with pytest.raises(NotAllowed, match="donnent la parole"):
        service(actor=meeting.member, occurrence=meeting.occurrence)


def test_during_a_round_the_floor_follows_the_round(meeting):
    started_round(meeting)
    services.hand_raise(actor=meeting.other, occurrence=meeting.occurrence)
    with pytest.raises(DomainError, match="la parole suit le tour"):
        services.floor_give_next(actor=meeting.host, occurrence=meeting.occurrence)


# --- The timer --------------------------------------------------------------------------------


def test_the_timekeeper_starts_the_timer_for_whoever_has_the_floor_and_stops_it(meeting):
    started_round(meeting)
    now = timezone.now()
    state = services.timer_start(actor=meeting.timekeeper, occurrence=meeting.occurrence, seconds=120, now=now)
    timer = state["timer"]
    assert timer["member"]["pseudonym"] == "Member" and timer["seconds"] == 120 and timer["stopped_at"] is None
    assert timer["ends_at"] > timer["started_at"]
    state = services.timer_stop(actor=meeting.timekeeper, occurrence=meeting.occurrence, now=now)
    assert state["timer"]["stopped_at"] == state["timer"]["started_at"]
    with pytest.raises(DomainError, match="Aucun minuteur"):
        services.timer_stop(actor=meeting.timekeeper, occurrence=meeting.occurrence)


@pytest.mark.parametrize("who", ["host", "member", "planner"])
def test_with_a_timekeeper_nobody_else_starts_the_timer(meeting, who):
    started_round(meeting)
    with pytest.raises(NotAllowed, match="chronométreur"):
        services.timer_start(actor=getattr(meeting, who), occurrence=meeting.occurrence, seconds=60)


def test_with_no_timekeeper_the_host_keeps_time():
    meeting = live_meeting(timekeeper=False)
    started_round(meeting)
    assert services.timer_start(actor=meeting.host, occurrence=meeting.occurrence, seconds=60)["timer"]
    with pytest.raises(NotAllowed):
        services.timer_stop(actor=meeting.member, occurrence=meeting.occurrence)


@pytest.mark.parametrize("seconds", [29, 1801, 0, -5, True, "60", 60.5])
def test_the_timer_runs_from_30_seconds_to_30_minutes(meeting, seconds):
    started_round(meeting)
    with pytest.raises(DomainError, match="de 30 secondes à 30 minutes"):
        services.timer_start(actor=meeting.timekeeper, occurrence=meeting.occurrence, seconds=seconds)


def test_the_timer_needs_someone_with_the_floor_and_goes_when_the_floor_moves(meeting):
    with pytest.raises(DomainError, match="Personne n'a la parole"):
        services.timer_start(actor=meeting.timekeeper, occurrence=meeting.occurrence, seconds=60)
    started_round(meeting)
    services.timer_start(actor=meeting.timekeeper, occurrence=meeting.occurrence, seconds=60)
    state = services.round_speak_done(actor=meeting.member, occurrence=meeting.occurrence)
    assert state["timer"] is None


# --- The agenda item ----------------------------------------------------------------------------


def test_the_host_moves_the_agenda_on_item_by_item_or_to_a_given_item(meeting):
    agenda_services.agenda_template_apply(actor=meeting.host, occurrence=meeting.occurrence, template="rounds")
    items = live_state(meeting.occurrence.pk)["items"]
    assert len(items) == 2
    state = services.agenda_advance(actor=meeting.host, occurrence=meeting.occurrence)
    assert state["item"] == items[0]
    state = services.agenda_advance(actor=meeting.host, occurrence=meeting.occurrence)
    assert state["item"] == items[1]
    with pytest.raises(DomainError, match="dernier point"):
        services.agenda_advance(actor=meeting.host, occurrence=meeting.occurrence)
    state = services.agenda_advance(actor=meeting.host, occurrence=meeting.occurrence, item_id=items[0]["id"])
    assert state["item"] == items[0]


def test_an_item_of_another_meeting_or_none_at_all_is_refused(meeting):
    other = live_meeting(name="Une autre rencontre", suffix="2")
    item = agenda_services.agenda_prompt_add(actor=other.host, occurrence=other.occurrence, prompt="energy")
    assert item.kind == AgendaItemKind.PROMPT
    with pytest.raises(DomainError, match="vide"):
        services.agenda_advance(actor=meeting.host, occurrence=meeting.occurrence)
    for item_id in (item.pk, 2**70):
        with pytest.raises(DomainError, match="pas à l'ordre du jour"):
            services.agenda_advance(actor=meeting.host, occurrence=meeting.occurrence, item_id=item_id)


def test_a_member_may_not_move_the_agenda_on(meeting):
    with pytest.raises(NotAllowed):
        services.agenda_advance(actor=meeting.timekeeper, occurrence=meeting.occurrence)


# --- The room's hours, its version, what it publishes, a membership that ends -----------------


def test_outside_the_join_window_the_room_is_closed():
    meeting = live_meeting(minutes=30)
    arrive(meeting.occurrence, meeting.member)
    with pytest.raises(NotAllowed, match="ouvre 15 minutes avant"):
        services.round_start(actor=meeting.host, occurrence=meeting.occurrence)
    after = meeting.occurrence.ends_at + timedelta(seconds=1)
    with pytest.raises(NotAllowed, match="est terminée"):
        services.hand_raise(actor=meeting.member, occurrence=meeting.occurrence, now=after)


def test_every_change_raises_the_version_and_publishes_the_state_after_commit(meeting, django_capture_on_commit_callbacks):
    arrive(meeting.occurrence, meeting.member)
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.hand_raise(actor=meeting.member, occurrence=meeting.occurrence)
        second = services.hand_lower(actor=meeting.member, occurrence=meeting.occurrence)
    assert (first["version"], second["version"]) == (1, 2)
    assert len(callbacks) == 2


def test_a_member_who_leaves_the_group_leaves_its_live_rooms(meeting):
    started_round(meeting)
    services.round_speak_done(actor=meeting.member, occurrence=meeting.occurrence)
    services.round_speak_done(actor=meeting.host, occurrence=meeting.occurrence)
    group_leave(actor=meeting.other, group=meeting.group)
    state = live_state(meeting.occurrence.pk)
    assert state["round"]["queue"] == [] and state["speaker"] is None
    room = LiveRoom.objects.get(occurrence=meeting.occurrence)
    assert list(room.turns.values_list("outcome", flat=True)) == [TurnOutcome.SPOKE, TurnOutcome.SPOKE]


# --- What a frame costs -----------------------------------------------------------------------


def test_each_frame_of_the_socket_costs_a_fixed_number_of_queries(meeting, django_assert_num_queries):
    """What the consumer runs for a frame: still allowed (the standing), then the service, whose
    state is read in a fixed number of queries however many hands are up."""
    occurrence = meeting.occurrence
    with django_assert_num_queries(1):
        assert permissions.can_enter_live(read_standing(meeting.member, meeting.group), occurrence)
    people = [join(meeting.group, UserFactory()) for _ in range(4)]
    arrive(occurrence, meeting.member, *people)
    services.hand_raise(actor=people[0], occurrence=occurrence)
    # Occurrence and roles, standing, the room locked, the hand looked for and stored, the
    # version, and the state (occurrence and room, agenda, turns, hands); the savepoint's two.
    with django_assert_num_queries(13):
        services.hand_raise(actor=meeting.member, occurrence=occurrence)
    for person in people[1:]:
        services.hand_raise(actor=person, occurrence=occurrence)
    with django_assert_num_queries(4):
        assert len(live_state(occurrence.pk)["hands"]) == 5
    with django_assert_num_queries(13):
        services.floor_give_next(actor=meeting.host, occurrence=occurrence)
