"""A pairing's one-to-one calls: either of the two schedules one or calls it off; the other is
told. Its room is the pairing's own (PairingCall.room_name)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .. import notifying
from ..models import Pairing, PairingCall
from ..permissions import check_cancel_call, check_schedule_call

DEFAULT_CALL_MINUTES = 60


@transaction.atomic
def call_schedule(*, actor, pairing, starts_at, minutes=DEFAULT_CALL_MINUTES, now=None) -> PairingCall:
    # The pairing's row is locked: two calls scheduled at once cannot both pass the overlap check.
    pairing = (Pairing.objects.select_for_update(of=("self",))
               .select_related("request__requester", "supporter__member").get(pk=pairing.pk))
    now = now or timezone.now()
    check_schedule_call(actor, pairing, starts_at=starts_at, minutes=minutes, now=now)
    call = PairingCall.objects.create(pairing=pairing, starts_at=starts_at,
                                      ends_at=starts_at + timedelta(minutes=minutes), proposed_by=actor)
    transaction.on_commit(lambda: notifying.call_scheduled(call))
    return call


@transaction.atomic
def call_cancel(*, actor, call, now=None) -> PairingCall:
    call = (PairingCall.objects.select_for_update(of=("self",))
            .select_related("pairing__request", "pairing__supporter").get(pk=call.pk))
    now = now or timezone.now()
    check_cancel_call(actor, call, now)
    call.cancelled_at = now
    call.save(update_fields=["cancelled_at"])
    transaction.on_commit(lambda: notifying.call_cancelled(call))
    return call
