"""A volunteer's path before confirmation: the readings, then a check-in with a coordinator.
Confirmation itself is a consent decision of the programme (peers.services.decisions)."""

from django.db import transaction
from django.utils import timezone

from ..models import Supporter
from ..permissions import check_mark_reading, check_record_checkin


@transaction.atomic
def reading_mark_done(*, actor, code) -> Supporter:
    """Marking a reading twice keeps it once, in the order first read."""
    supporter = (Supporter.objects.select_for_update().filter(member=actor).first()
                 if actor.is_authenticated else None)
    check_mark_reading(actor, supporter, code)
    if code not in supporter.readings_done:
        supporter.readings_done = [*supporter.readings_done, code]
        supporter.save(update_fields=["readings_done"])
    return supporter


@transaction.atomic
def checkin_record(*, actor, supporter, now=None) -> Supporter:
    """A coordinator records that the check-in took place; it happens outside the platform."""
    now = now or timezone.now()
    supporter = Supporter.objects.select_for_update().get(pk=supporter.pk)
    check_record_checkin(actor, supporter, now=now)
    supporter.checked_in_at = now
    supporter.save(update_fields=["checked_in_at"])
    return supporter
