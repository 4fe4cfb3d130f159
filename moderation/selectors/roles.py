"""The reads the roles, proposals and log pages need, each with a fixed number of queries."""

from django.db.models import Prefetch
from django.utils import timezone

from entraide.models import Membership

from .. import permissions
from ..models import (
    ROLE_DESCRIPTIONS,
    ROLE_WANTED,
    ModerationLogEntry,
    Objection,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RoleHolding,
    RoleKind,
)

RECENT_PROPOSALS = 20


def current_holdings(group, now=None):
    """Current holdings of members still in the group, oldest first."""
    return (
        RoleHolding.objects.current(now)
        .filter(group=group, user__memberships__group=group)
        .select_related("user")
        .order_by("starts_at", "pk")
    )


def roles_overview(standing, now=None) -> list[dict]:
    """One entry per role the group has: its holders until when, whether it is open, and
    what this member may do about it (from their standing)."""
    group, user = standing.group, standing.user
    now = now or timezone.now()
    holdings = list(current_holdings(group, now))
    # The role each of their proposals asks for, and when its window closes.
    my_pending = dict(
        Proposal.objects.filter(
            group=group, proposer=user, kind=ProposalKind.TAKE_ROLE, status=ProposalStatus.OPEN
        ).values_list("role", "decides_at")
    )
    overview = []
    for role in permissions.enabled_roles(group):
        holders = [holding for holding in holdings if holding.role == role]
        mine = next((holding for holding in holders if holding.user_id == user.pk), None)
        overview.append({
            "role": role,
            "label": RoleKind(role).label,
            "description": ROLE_DESCRIPTIONS[role],
            "wanted": ROLE_WANTED[role],
            "holders": holders,
            "is_open": not holders,
            "mine": mine,
            "pending": role in my_pending,
            # The window closed and the task worker has not recorded the outcome yet.
            "being_settled": role in my_pending and my_pending[role] <= now,
            "can_volunteer": permissions.can_volunteer(standing, role) and role not in my_pending,
        })
    return overview


def roles_summary(group, now=None) -> dict:
    """What the group page shows about roles: the open ones and how many proposals wait."""
    now = now or timezone.now()
    held = set(current_holdings(group, now).values_list("role", flat=True))
    roles = permissions.enabled_roles(group)
    return {
        "open_roles": [{"role": role, "wanted": ROLE_WANTED[role]} for role in roles if role not in held],
        # Those still in consultation: one whose window closed is only waiting to be recorded.
        "open_proposals": Proposal.objects.filter(group=group, status=ProposalStatus.OPEN, decides_at__gt=now).count(),
    }


def hand_on_candidates(standing):
    """The members one may hand a role on to: everyone in the group but oneself."""
    return (
        Membership.objects.filter(group=standing.group).exclude(user=standing.user.pk).select_related("user")
        .order_by("user__pseudonym")
    )


def proposals_for(standing):
    """Proposals still in consultation first, then the most recent decisions, with objections;
    each says whether this member may object to it (once) or withdraw it."""
    group, user = standing.group, standing.user
    objections = Prefetch("objections", queryset=Objection.objects.select_related("member").order_by("created_at"))
    base = Proposal.objects.filter(group=group).select_related("proposer", "target").prefetch_related(objections)
    open_ = list(base.filter(status=ProposalStatus.OPEN).order_by("decides_at", "pk"))
    settled = list(base.exclude(status=ProposalStatus.OPEN).order_by("-settled_at", "-pk")[:RECENT_PROPOSALS])
    for proposal in [*open_, *settled]:
        proposal.group = group  # already loaded
        proposal.withdrawable = permissions.can_withdraw(user, proposal)
        proposal.objectable = permissions.can_object(standing, proposal) and all(
            objection.member_id != user.pk for objection in proposal.objections.all()
        )
    return open_, settled


def log_entries(group):
    return ModerationLogEntry.objects.filter(group=group).select_related("proposal").order_by("-created_at", "-pk")


def scope_log_entries(scope: str, key: str):
    return ModerationLogEntry.objects.filter(group=None, scope=scope, scope_key=key).order_by("-created_at", "-pk")
