"""What happens in an occurrence's live room: the round (the tour de table), raised hands, the
floor, the speaking timer and the agenda item under way.

Each change locks the room's row, raises its version and publishes the whole state (it is
small) to `meetings.live.<occurrence id>` once the transaction commits; the sockets of the room
pass it on. Who may do what is meetings.permissions' live-room section.

The floor: during a round it follows the round, to the first person still waiting; otherwise
the host or the timekeeper gives it to the first raised hand (that hand comes down). Whenever
the floor moves, the timer of whoever had it goes: a timer is for one speaker."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.consumers import sockets_cut_on_commit
from entraide.errors import Conflict, DomainError
from entraide.models import Membership
from entraide.realtime import publish_on_commit
from entraide.standing import read_standing

from .. import permissions, presence
from ..models import (
    TIMER_MAX_SECONDS,
    TIMER_MIN_SECONDS,
    AgendaItem,
    LiveHand,
    LiveRoom,
    LiveTurn,
    Occurrence,
    TurnOutcome,
)
from ..selectors.live import channel_group, cut_scope, live_state

ROUND_UNDER_WAY = _("Un tour de table est déjà en cours.")
NO_ROUND = _("Aucun tour de table n'est en cours.")
NOBODY_HERE = _("Personne n'est encore dans le salon : le tour de table attend que les personnes arrivent.")
ROUND_OVER = _("Tout le monde a eu son tour : le tour de table peut se clore.")
FLOOR_FOLLOWS_ROUND = _("Pendant le tour de table, la parole suit le tour.")
NO_HANDS = _("Personne n'a levé la main.")
HAND_ALREADY_UP = _("Votre main est déjà levée.")
HAND_NOT_UP = _("Votre main n'est pas levée.")
NOBODY_HAS_FLOOR = _("Personne n'a la parole : donnez-la d'abord, puis lancez le minuteur.")
BAD_SECONDS = _("Le minuteur dure de 30 secondes à 30 minutes.")
NO_TIMER = _("Aucun minuteur ne tourne.")
NO_SUCH_ITEM = _("Ce point n'est pas à l'ordre du jour de cette rencontre.")
LAST_ITEM = _("C'était le dernier point de l'ordre du jour.")
NO_ITEMS = _("L'ordre du jour de cette rencontre est vide.")


def _occurrence_and_standing(actor, occurrence):
    """Read afresh inside the transaction, with the roles the checks ask about."""
    occurrence = (Occurrence.objects.select_related("series__group").prefetch_related("roles")
                  .get(pk=occurrence.pk))
    return occurrence, read_standing(actor, occurrence.series.group)


def _locked_room(occurrence) -> LiveRoom:
    room = LiveRoom.objects.select_for_update().filter(occurrence=occurrence).first()
    if room is None:
        try:
            with transaction.atomic():
                LiveRoom.objects.create(occurrence=occurrence)
        except IntegrityError:
            pass  # created at the same moment by another change: the lock below waits for it
        room = LiveRoom.objects.select_for_update().get(occurrence=occurrence)
    return room


def _changed(room: LiveRoom, fields=()) -> dict:
    room.version += 1
    room.save(update_fields=["version", "updated_at", *fields])
    state = live_state(room.occurrence_id)
    publish_on_commit(channel_group(room.occurrence_id), {"type": "live.state", "state": state})
    return state


def _timer_fields(room: LiveRoom, member_id=None, started_at=None, seconds=None) -> list[str]:
    room.timer_member_id, room.timer_started_at, room.timer_seconds = member_id, started_at, seconds
    room.timer_stopped_at = None
    return ["timer_member", "timer_started_at", "timer_seconds", "timer_stopped_at"]


def _floor_fields(room: LiveRoom, member_id) -> list[str]:
    fields = ["floor_member"]
    if room.floor_member_id != member_id:
        fields += _timer_fields(room)
    room.floor_member_id = member_id
    return fields


def _first_waiting(room: LiveRoom):
    return room.turns.filter(outcome=TurnOutcome.WAITING).order_by("position").first()


# --- The round ----------------------------------------------------------------------------


@transaction.atomic
def round_start(*, actor, occurrence, now=None) -> dict:
    """Everyone present now is queued, in the order they arrived (meetings.presence)."""
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_lead_live(standing, occurrence, now)
    room = _locked_room(occurrence)
    if room.round_started_at is not None:
        raise Conflict(ROUND_UNDER_WAY)
    member_ids = Membership.objects.filter(group=occurrence.series.group).values_list("user_id", flat=True)
    present = presence.present_ids(occurrence.pk, list(member_ids))
    if not present:
        raise DomainError(NOBODY_HERE)
    LiveTurn.objects.bulk_create(LiveTurn(room=room, member_id=member_id, position=position)
                                 for position, member_id in enumerate(present, start=1))
    room.round_started_at = now or timezone.now()
    return _changed(room, ["round_started_at", *_floor_fields(room, present[0])])


def _turn_end(actor, occurrence, outcome, now) -> dict:
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_enter_live(standing, occurrence, now)
    room = _locked_room(occurrence)
    if room.round_started_at is None:
        raise DomainError(NO_ROUND)
    turn = _first_waiting(room)
    if turn is None:
        raise DomainError(ROUND_OVER)
    permissions.check_end_turn(standing, occurrence, turn.member_id, now)
    turn.outcome = outcome
    turn.save(update_fields=["outcome"])
    following = _first_waiting(room)
    return _changed(room, _floor_fields(room, following.member_id if following else None))


@transaction.atomic
def round_speak_done(*, actor, occurrence, now=None) -> dict:
    return _turn_end(actor, occurrence, TurnOutcome.SPOKE, now)


@transaction.atomic
def round_pass(*, actor, occurrence, now=None) -> dict:
    return _turn_end(actor, occurrence, TurnOutcome.PASSED, now)


@transaction.atomic
def round_end(*, actor, occurrence, now=None) -> dict:
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_lead_live(standing, occurrence, now)
    room = _locked_room(occurrence)
    if room.round_started_at is None:
        raise DomainError(NO_ROUND)
    room.turns.all().delete()
    room.round_started_at = None
    return _changed(room, ["round_started_at", *_floor_fields(room, None)])


# --- Hands and the floor ---------------------------------------------------------------------


@transaction.atomic
def hand_raise(*, actor, occurrence, now=None) -> dict:
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_raise_hand(standing, occurrence, is_present=presence.is_present(occurrence.pk, actor.pk),
                                 now=now)
    room = _locked_room(occurrence)
    if room.hands.filter(member=actor).exists():
        raise Conflict(HAND_ALREADY_UP)
    LiveHand.objects.create(room=room, member=actor, raised_at=now or timezone.now())
    return _changed(room)


@transaction.atomic
def hand_lower(*, actor, occurrence, now=None) -> dict:
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_enter_live(standing, occurrence, now)
    room = _locked_room(occurrence)
    deleted, _rows = room.hands.filter(member=actor).delete()
    if not deleted:
        raise DomainError(HAND_NOT_UP)
    return _changed(room)


def _floor_giving(actor, occurrence, now):
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_give_floor(standing, occurrence, now)
    room = _locked_room(occurrence)
    if room.round_started_at is not None:
        raise DomainError(FLOOR_FOLLOWS_ROUND)
    return room, room.hands.order_by("raised_at", "pk").first()


@transaction.atomic
def floor_give_next(*, actor, occurrence, now=None) -> dict:
    """The floor to the first raised hand; with no hand up, whoever had it is simply done."""
    room, first = _floor_giving(actor, occurrence, now)
    if first is None:
        if room.floor_member_id is None:
            raise DomainError(NO_HANDS)
        return _changed(room, _floor_fields(room, None))
    first.delete()
    return _changed(room, _floor_fields(room, first.member_id))


@transaction.atomic
def floor_skip(*, actor, occurrence, now=None) -> dict:
    """Pass over the first raised hand (someone who stepped away): it comes down, the floor stays."""
    room, first = _floor_giving(actor, occurrence, now)
    if first is None:
        raise DomainError(NO_HANDS)
    first.delete()
    return _changed(room)


# --- The timer -------------------------------------------------------------------------------


@transaction.atomic
def timer_start(*, actor, occurrence, seconds, now=None) -> dict:
    """For whoever has the floor; started again, it starts over."""
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_keep_time(standing, occurrence, now)
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not (
            TIMER_MIN_SECONDS <= seconds <= TIMER_MAX_SECONDS):
        raise DomainError(BAD_SECONDS)
    room = _locked_room(occurrence)
    if room.floor_member_id is None:
        raise DomainError(NOBODY_HAS_FLOOR)
    fields = _timer_fields(room, room.floor_member_id, now or timezone.now(), seconds)
    return _changed(room, fields)


@transaction.atomic
def timer_stop(*, actor, occurrence, now=None) -> dict:
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_keep_time(standing, occurrence, now)
    room = _locked_room(occurrence)
    now = now or timezone.now()
    if room.timer_started_at is None or room.timer_stopped_at is not None:
        raise DomainError(NO_TIMER)
    room.timer_stopped_at = now
    return _changed(room, ["timer_stopped_at"])


# --- The agenda item under way --------------------------------------------------------------


@transaction.atomic
def agenda_advance(*, actor, occurrence, item_id=None, now=None) -> dict:
    """To the next item of the agenda (the first, at the start), or to the item given."""
    occurrence, standing = _occurrence_and_standing(actor, occurrence)
    permissions.check_lead_live(standing, occurrence, now)
    room = _locked_room(occurrence)
    items = list(AgendaItem.objects.filter(occurrence=occurrence, removed_at__isnull=True)
                 .order_by("position", "pk").values_list("pk", flat=True))
    if item_id is not None:
        if item_id not in items:
            raise DomainError(NO_SUCH_ITEM)
        target = item_id
    elif not items:
        raise DomainError(NO_ITEMS)
    elif room.current_item_id in items:
        index = items.index(room.current_item_id) + 1
        if index >= len(items):
            raise DomainError(LAST_ITEM)
        target = items[index]
    else:
        target = items[0]
    room.current_item_id = target
    return _changed(room, ["current_item"])


# --- A membership that ends ---------------------------------------------------------------


def live_rooms_leave(member, group) -> None:
    """A member who leaves a group, or is removed from it, is cut out of its live rooms at once
    (registry.membership_ended, inside the transaction that ends the membership): their sockets
    close with 4403 after commit, their hand comes down, their waiting turn goes."""
    sockets_cut_on_commit(user_id=member.pk, scope=cut_scope(group.pk))
    touched = (LiveRoom.objects.filter(occurrence__series__group=group)
               .filter(Q(hands__member=member) | Q(turns__member=member, turns__outcome=TurnOutcome.WAITING)
                       | Q(floor_member=member)).values_list("pk", flat=True).distinct())
    for room in LiveRoom.objects.select_for_update().filter(pk__in=list(touched)).order_by("pk"):
        room.hands.filter(member=member).delete()
        room.turns.filter(member=member, outcome=TurnOutcome.WAITING).delete()
        fields = []
        if room.floor_member_id == member.pk:
            following = _first_waiting(room) if room.round_started_at else None
            fields = _floor_fields(room, following.member_id if following else None)
        _changed(room, fields)
