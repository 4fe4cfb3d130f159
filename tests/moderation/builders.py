"""Roles and proposals built through the services, with time moved by arguments, never slept."""

from datetime import timedelta

from django.utils import timezone

from moderation.models import CONSENT_WINDOW, Proposal, RoleHolding, RoleKind
from moderation.services.proposals import proposal_settle_due
from moderation.services.removal import removal_confirm, removal_propose
from moderation.services.roles import role_volunteer
from tests.factories import join


def window_passed(proposal):
    """Move the proposal back in time so that its consent window closed an hour ago."""
    now = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=now - CONSENT_WINDOW - timedelta(hours=1), decides_at=now - timedelta(hours=1)
    )
    proposal.refresh_from_db()
    return proposal


def give_role(group, user, role):
    """Volunteer, and let the consent window pass without objection when the role is held."""
    outcome = role_volunteer(actor=user, group=group, role=role)
    if not isinstance(outcome, RoleHolding):
        window_passed(outcome)
        assert proposal_settle_due(group=group) == 1
    return user


def end_term(group, user, role=None):
    """Make the member's holdings in the group a past term: started four months ago, ended yesterday."""
    now = timezone.now()
    holdings = RoleHolding.objects.filter(group=group, user=user)
    if role:
        holdings = holdings.filter(role=role)
    holdings.update(starts_at=now - timedelta(days=120), ends_at=now - timedelta(days=1))
    return user


def removed_from(group, member):
    """Removed by two role holders: the founder proposes, a new host confirms."""
    host = give_role(group, join(group), RoleKind.HOST)
    proposal = removal_propose(actor=group.created_by, group=group, member=member,
                               reason="Des attaques répétées envers d'autres membres.")
    removal_confirm(actor=host, proposal=proposal, reason="Je confirme.")
    return member
