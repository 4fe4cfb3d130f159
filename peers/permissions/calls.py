"""Who may schedule, cancel and join a pairing's calls: its two people only; to anyone else
the pairing and its calls do not exist."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotAllowed, NotFound, allows
from meetings.jitsi import JOIN_OPENS_BEFORE, join_window
from moderation.permissions import can_write_to
from moderation.selectors import has_blocked

from ..models import PairingCall

# A call is a conversation, not a meeting: long enough to talk, short enough for a volunteer.
CALL_MINUTES_MIN = 15
CALL_MINUTES_MAX = 120
# Enough to plan a few weeks ahead without filling a calendar.
UPCOMING_CALLS_MAX = 5
CALL_HORIZON = timedelta(days=90)


def is_in_pairing(actor, pairing) -> bool:
    return bool(actor and actor.is_authenticated) and actor.pk in (pairing.request.requester_id,
                                                                   pairing.supporter.member_id)


def check_in_pairing(actor, pairing) -> None:
    if not is_in_pairing(actor, pairing):
        raise NotFound()


def check_pairing_active(pairing) -> None:
    if pairing.ended_at is not None:
        raise Conflict(_("Ce jumelage est terminé : aucun appel ne peut plus y avoir lieu."))


def check_propose_call(actor, pairing) -> None:
    """Whether to offer the form at all: either of the two, in a pairing that goes on."""
    check_in_pairing(actor, pairing)
    check_pairing_active(pairing)


def check_schedule_call(actor, pairing, *, starts_at, minutes, now=None) -> None:
    """Either of the two, in a pairing that goes on, from now to CALL_HORIZON ahead, neither
    having blocked the other, not over another call of theirs, and no more than
    UPCOMING_CALLS_MAX to come."""
    check_propose_call(actor, pairing)
    now = now or timezone.now()
    if not isinstance(starts_at, datetime) or timezone.is_naive(starts_at) or starts_at < now:
        raise DomainError(_("Choisissez un moment à venir pour l'appel."))
    if starts_at > now + CALL_HORIZON:
        raise DomainError(_("Un appel se prévoit au plus %(days)s jours à l'avance.") % {"days": CALL_HORIZON.days})
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not CALL_MINUTES_MIN <= minutes <= CALL_MINUTES_MAX:
        raise DomainError(_("Un appel dure entre %(min)s et %(max)s minutes.")
                          % {"min": CALL_MINUTES_MIN, "max": CALL_MINUTES_MAX})
    requester, supporter = pairing.request.requester, pairing.supporter.member
    other = supporter if actor.pk == requester.pk else requester
    # A block after the pairing began stops new calls, as it stops private messages.
    if has_blocked(actor, other) or not can_write_to(actor, other):
        raise NotAllowed(_("Cette personne ne reçoit pas d'appels de votre part."))
    calls = PairingCall.objects.filter(pairing=pairing, cancelled_at__isnull=True)
    ends_at = starts_at + timedelta(minutes=minutes)
    if calls.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        raise Conflict(_("Un autre appel de ce jumelage a déjà lieu à ce moment-là."))
    if calls.filter(ends_at__gt=now).count() >= UPCOMING_CALLS_MAX:
        raise Conflict(_("Ce jumelage a déjà %(max)s appels à venir : c'est le maximum.")
                       % {"max": UPCOMING_CALLS_MAX})


def check_cancel_call(actor, call, now=None) -> None:
    check_in_pairing(actor, call.pairing)
    if call.cancelled_at is not None:
        raise Conflict(_("Cet appel est déjà annulé."))
    if call.ends_at <= (now or timezone.now()):
        raise Conflict(_("Cet appel a déjà eu lieu."))


def check_join_call(actor, call, now=None) -> None:
    """The room's address and token: the two people, from JOIN_OPENS_BEFORE before the call to its end."""
    check_in_pairing(actor, call.pairing)
    check_pairing_active(call.pairing)
    if call.cancelled_at is not None:
        raise Conflict(_("Cet appel a été annulé."))
    now = now or timezone.now()
    opens, closes = join_window(call)
    if now < opens:
        raise DomainError(_("La salle ouvre %(minutes)s minutes avant l'appel.")
                          % {"minutes": int(JOIN_OPENS_BEFORE.total_seconds() // 60)})
    if now >= closes:
        raise DomainError(_("Cet appel est terminé."))


can_propose_call = allows(check_propose_call)
can_cancel_call = allows(check_cancel_call)
can_join_call = allows(check_join_call)
