from django.utils import timezone

from ..models import ROLE_TERM, RoleHolding


def holding_start(*, group, user, role, now) -> RoleHolding:
    """A new term of the usual length; it ends by itself."""
    return RoleHolding.objects.create(group=group, user=user, role=role, starts_at=now, ends_at=now + ROLE_TERM)


def holdings_end(*, group, user, role, now) -> int:
    """End this member's current holding of a role now (when it is handed on)."""
    return RoleHolding.objects.current(now).filter(group=group, user=user, role=role, starts_at__lt=now).update(
        ends_at=now
    )


def terms_end_with_membership(member, group) -> None:
    """A member who leaves the group, or is removed from it, gives up every term they held
    there: coming back later brings no role back (registry.membership_ended)."""
    now = timezone.now()
    terms = RoleHolding.objects.filter(group=group, user=member, ends_at__gt=now)
    terms.filter(starts_at__lt=now).update(ends_at=now)
    terms.filter(starts_at__gte=now).delete()
