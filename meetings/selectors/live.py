"""The live room as its sockets and pages see it: one small state, read in a fixed number of
queries whatever the number of people queued, hands raised and agenda items."""

from datetime import UTC, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from entraide.errors import NotFound, refusal
from entraide.ids import parse
from entraide.standing import read_standing

from .. import permissions
from ..models import AgendaItem, LiveHand, LiveTurn, Occurrence, TurnOutcome


# What the timekeeper picks from (the service takes any number of seconds from 30 to 1800).
TIMER_CHOICES_MINUTES = (1, 2, 3, 5, 10)


def channel_group(occurrence_id: int) -> str:
    return f"meetings.live.{occurrence_id}"


def cut_scope(group_id: int) -> str:
    """Every live room of a group: a member removed from it leaves all of them at once."""
    return f"meetings.live.group.{group_id}"


def iso(moment) -> str | None:
    """ISO 8601 in UTC to the millisecond, as JavaScript's Date reads it."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _person(user) -> dict | None:
    return None if user is None else {"id": user.pk, "pseudonym": user.display_name}


def live_occurrence(user, occurrence_id) -> tuple[Occurrence, object]:
    """The occurrence, with its series, group and roles, and the member's standing in its group;
    NotFound for an id that names nothing (or nothing a database can store)."""
    occurrence_id = parse(occurrence_id)
    occurrence = None
    if occurrence_id is not None:
        occurrence = (Occurrence.objects.select_related("series__group").prefetch_related("roles")
                      .filter(pk=occurrence_id).first())
    if occurrence is None:
        raise NotFound()
    return occurrence, read_standing(user, occurrence.series.group)


def live_state(occurrence_id: int) -> dict:
    """Everything the room shows, the same for everyone in it."""
    occurrence = (
        Occurrence.objects.filter(pk=occurrence_id)
        .select_related("live_room__current_item", "live_room__floor_member", "live_room__timer_member")
        .prefetch_related(
            Prefetch("agenda_items", to_attr="live_items",
                     queryset=AgendaItem.objects.filter(removed_at__isnull=True).only(
                         "id", "occurrence_id", "kind", "text", "position")),
            Prefetch("live_room__turns", queryset=LiveTurn.objects.select_related("member")),
            Prefetch("live_room__hands", queryset=LiveHand.objects.select_related("member")),
        )
        .first()
    )
    if occurrence is None:
        raise NotFound()
    room = getattr(occurrence, "live_room", None)
    state = {
        "type": "state",
        "occurrence_id": occurrence.pk,
        "version": 0,
        "items": [{"id": item.pk, "text": item.text} for item in occurrence.live_items],
        "item": None,
        "round": None,
        "speaker": None,
        "hands": [],
        "timer": None,
    }
    if room is None:
        return state
    turns = list(room.turns.all())
    state.update(
        version=room.version,
        item=None if room.current_item is None or room.current_item.removed_at else
        {"id": room.current_item.pk, "text": room.current_item.text},
        speaker=_person(room.floor_member),
        hands=[{**_person(hand.member), "raised_at": iso(hand.raised_at)} for hand in room.hands.all()],
    )
    if room.round_started_at is not None:
        state["round"] = {
            "started_at": iso(room.round_started_at),
            "queue": [_person(turn.member) for turn in turns if turn.outcome == TurnOutcome.WAITING],
            "done": [{**_person(turn.member), "passed": turn.outcome == TurnOutcome.PASSED}
                     for turn in turns if turn.outcome != TurnOutcome.WAITING],
        }
    if room.timer_started_at is not None:
        ends_at = room.timer_started_at + timedelta(seconds=room.timer_seconds)
        state["timer"] = {
            "member": _person(room.timer_member),
            "started_at": iso(room.timer_started_at),
            "seconds": room.timer_seconds,
            "ends_at": iso(ends_at),
            "stopped_at": iso(room.timer_stopped_at),
        }
    return state


def with_server_now(state: dict, now=None) -> dict:
    """The state as sent: with the server's time, from which the client counts down."""
    return {**state, "server_now": iso(now or timezone.now())}


def abilities(standing, occurrence, *, now=None) -> dict:
    """What the reader may do in the room (their controls); the server decides again on every frame."""
    now = now or timezone.now()
    inside = permissions.can_enter_live(standing, occurrence, now)
    return {
        "id": standing.user_id,
        "leads": inside and permissions.leads_live(standing, occurrence),
        "keeps_time": inside and permissions.keeps_time(standing, occurrence),
        "gives_floor": inside and permissions.gives_floor(standing, occurrence),
    }


def entry_refusal(standing, occurrence, *, now=None) -> str:
    """Why the reader may not be in the room now, "" when they may."""
    return refusal(permissions.check_enter_live, standing, occurrence, now or timezone.now())


def live_panel(standing, occurrence, *, display: bool, now=None) -> dict:
    """What the room's markup needs: the socket, the reader's controls, why it is closed."""
    now = now or timezone.now()
    return {
        "occurrence": occurrence, "group": standing.group, "display": display,
        "socket_path": f"/ws/meetings/{occurrence.pk}/live/",
        "refusal": entry_refusal(standing, occurrence, now=now),
        "you": abilities(standing, occurrence, now=now),
        "timer_minutes": TIMER_CHOICES_MINUTES,
    }
