"""Coordinator terms. Staff grant the first one (their one power over a programme); then the
programme's coordinators grant the next terms themselves, as the role rotates."""

from django.db import transaction
from django.utils import timezone

from ..models import CoordinatorTerm, Programme
from ..permissions import check_grant_term


@transaction.atomic
def coordinator_term_grant(*, actor, programme, member, starts_at, ends_at, now=None) -> CoordinatorTerm:
    now = now or timezone.now()
    # Terms of one programme are granted one at a time, so two overlapping grants cannot both pass.
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    check_grant_term(actor, programme, member, starts_at, ends_at, now=now)
    return CoordinatorTerm.objects.create(programme=programme, member=member, starts_at=starts_at, ends_at=ends_at)
