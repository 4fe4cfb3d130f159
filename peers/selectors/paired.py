"""Whether two members are paired now: what lets them write to each other privately though
they share no group (registered as a conversations allowance)."""

from django.db.models import Q

from ..models import Pairing


def are_paired(user, other) -> bool:
    """An active pairing between the two, whichever of them asked for it. One query."""
    return Pairing.objects.filter(
        Q(request__requester=user, supporter__member=other) | Q(request__requester=other, supporter__member=user),
        ended_at__isnull=True,
    ).exists()
