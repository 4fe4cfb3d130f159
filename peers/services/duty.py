"""Duty hours on the listening line: a confirmed supporter takes a slot in a language they
offer, up to four hours, never overlapping one of their own; they leave it at any time."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict

from ..models import DutySlot, Supporter
from ..permissions.line import check_leave_duty, check_take_duty


@transaction.atomic
def duty_slot_take(*, actor, language, starts_at, ends_at, now=None) -> DutySlot:
    now = now or timezone.now()
    supporter = check_take_duty(actor, language=language, starts_at=starts_at, ends_at=ends_at, now=now)
    # The supporter's row is locked so that two slots taken at once cannot overlap.
    Supporter.objects.select_for_update().filter(pk=supporter.pk).first()
    overlapping = DutySlot.objects.filter(supporter=supporter, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if overlapping.exists():
        raise Conflict(_("Vous avez déjà une permanence à ce moment-là."))
    return DutySlot.objects.create(supporter=supporter, language=language, starts_at=max(starts_at, now),
                                   ends_at=ends_at)


@transaction.atomic
def duty_slot_leave(*, actor, slot, now=None) -> DutySlot | None:
    """A slot to come is removed; one under way ends now (its hand-over note may still be
    written). Returns the slot ended, or None when it was removed."""
    now = now or timezone.now()
    slot = DutySlot.objects.select_for_update().select_related("supporter").filter(pk=slot.pk).first()
    if slot is None:
        raise Conflict(_("Cette permanence n'existe plus."))
    check_leave_duty(actor, slot, now=now)
    if slot.starts_at >= now:
        slot.delete()
        return None
    slot.ends_at = now
    slot.save(update_fields=["ends_at"])
    return slot
