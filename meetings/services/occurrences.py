"""The rows of a series' dates, and the changes to one of them: cancelled or moved, with a reason."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.errors import DomainError
from entraide.standing import read_standing

from .. import permissions
from ..models import REASON_MAX_LENGTH, MeetingSeries, Occurrence
from ..recurrence import scheduled_starts

# How far ahead occurrences exist as rows (for RSVPs, roles and agendas); a daily task extends it.
HORIZON = timedelta(days=120)

REASON_NEEDED = _("Dites en quelques mots pourquoi : les personnes inscrites le liront.")
REASON_TOO_LONG = _("La raison tient en 500 caractères au plus.")
MOVE_TO_FUTURE = _("La nouvelle date doit être dans le futur.")
MOVE_CHANGES_NOTHING = _("La rencontre a déjà lieu à cette heure-là.")


def occurrences_extend(*, series: MeetingSeries, now=None) -> int:
    """Create the rows of the rule's starts from now to now + HORIZON. Idempotent: dates that
    have a row already (moved or cancelled ones included) are left as they are."""
    if series.ended_at is not None:
        return 0
    now = now or timezone.now()
    starts = scheduled_starts(series, after=now, before=now + HORIZON)
    if not starts:
        return 0
    known = set(Occurrence.objects.filter(series=series, scheduled_start__in=starts)
                .values_list("scheduled_start", flat=True))
    duration = timedelta(minutes=series.duration_minutes)
    rows = [Occurrence(series=series, scheduled_start=start, starts_at=start, ends_at=start + duration)
            for start in starts if start not in known]
    Occurrence.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _clean_reason(reason) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(REASON_NEEDED)
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(REASON_TOO_LONG)
    return reason


def sequence_raise(series: MeetingSeries) -> None:
    """Every change a calendar must learn of raises the series' SEQUENCE (RFC 5545)."""
    MeetingSeries.objects.filter(pk=series.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())
    series.refresh_from_db(fields=["sequence", "updated_at"])


def tell_members_going(occurrence: Occurrence, change: str) -> None:
    from .. import notifying

    transaction.on_commit(lambda: notifying.occurrence_changed(occurrence, change))


@transaction.atomic
def occurrence_cancel(*, actor, occurrence: Occurrence, reason, now=None) -> Occurrence:
    now = now or timezone.now()
    occurrence = Occurrence.objects.select_for_update().select_related("series__group").get(pk=occurrence.pk)
    permissions.check_change_occurrence(read_standing(actor, occurrence.series.group), occurrence, now)
    occurrence.cancel_reason = _clean_reason(reason)
    occurrence.cancelled_at = now
    occurrence.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    sequence_raise(occurrence.series)
    tell_members_going(occurrence, "cancelled")
    return occurrence


@transaction.atomic
def occurrence_move(*, actor, occurrence: Occurrence, starts_at, reason, now=None) -> Occurrence:
    """Another start for this date only; its length stays the series'. The date's identity
    (scheduled_start) is kept, so calendars show it as that date moved."""
    now = now or timezone.now()
    occurrence = Occurrence.objects.select_for_update().select_related("series__group").get(pk=occurrence.pk)
    permissions.check_change_occurrence(read_standing(actor, occurrence.series.group), occurrence, now)
    reason = _clean_reason(reason)
    if starts_at <= now:
        raise DomainError(MOVE_TO_FUTURE)
    if starts_at == occurrence.starts_at:
        raise DomainError(MOVE_CHANGES_NOTHING)
    occurrence.ends_at = starts_at + (occurrence.ends_at - occurrence.starts_at)
    occurrence.starts_at = starts_at
    occurrence.moved_at = now
    occurrence.move_reason = reason
    # A moved meeting is a new date to be reminded of, and a new announcement of open roles.
    occurrence.open_roles_announced_at = None
    occurrence.save(update_fields=["starts_at", "ends_at", "moved_at", "move_reason", "open_roles_announced_at",
                                   "updated_at"])
    sequence_raise(occurrence.series)
    tell_members_going(occurrence, "moved")
    return occurrence
