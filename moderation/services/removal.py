"""Removing a member from a group takes two different role holders: one proposes, another
confirms. Nobody can expel someone alone. A removed member cannot rejoin."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError
from entraide.models import Group, Membership
from entraide.models.groups import new_invite_token
from entraide.selectors.memberships import is_member
from entraide.services.groups import membership_end
from entraide.standing import read_standing

from .. import permissions
from ..models import DecisionAction, GroupBan, LogAction, RemovalProposal, ReportDecision
from ..subjects import person_facts
from .checks import CHOOSE_A_MEMBER, DECISION_NEEDS_A_REASON, clean_reason, role_for_log
from .log import log_entry_write


def removal_open(*, actor, decision: ReportDecision, now) -> RemovalProposal:
    """The proposal behind a decision to propose removal (from the queue or from removal_propose)."""
    if RemovalProposal.objects.filter(group=decision.group, member=decision.member, confirmed_at__isnull=True,
                                      cancelled=False).exists():
        raise Conflict(_("Une exclusion de cette personne est déjà proposée : elle attend la confirmation d'un·e "
                         "autre responsable."))
    try:
        with transaction.atomic():
            return RemovalProposal.objects.create(
                group=decision.group, member=decision.member, proposed_by=actor, decision=decision,
                reason=decision.reason, created_at=now,
            )
    except IntegrityError as error:
        raise Conflict(_("Une exclusion de cette personne est déjà proposée.")) from error


@transaction.atomic
def removal_propose(*, actor, group, member, reason, now=None) -> RemovalProposal:
    """Proposed by a role holder outside the review queue (the decision is recorded all the same,
    so the member can appeal it)."""
    now = now or timezone.now()
    standing = read_standing(actor, group)
    permissions.check_hold_a_role(standing)
    if member is None or not is_member(member, group):
        raise DomainError(CHOOSE_A_MEMBER)
    if member.pk == actor.pk:
        raise DomainError(_("Vous ne pouvez pas proposer votre propre exclusion ; vous pouvez quitter le groupe."))
    reason = clean_reason(reason, DECISION_NEEDS_A_REASON)
    membership = Membership.objects.get(group=group, user=member)
    decision = ReportDecision.objects.create(
        group=group, target_type=ContentType.objects.get_for_model(Membership), target_object_id=membership.pk,
        target_kind="member", target_facts=person_facts(member),
        member=member, decided_by=actor, action=DecisionAction.PROPOSE_REMOVAL, reason=reason, created_at=now,
    )
    proposal = removal_open(actor=actor, decision=decision, now=now)
    log_entry_write(actor=actor, group=group, action=LogAction.REMOVAL_PROPOSED, role=role_for_log(standing),
                    target=member, reason=reason, now=now)
    return proposal


def _locked(proposal) -> RemovalProposal:
    return RemovalProposal.objects.select_for_update().select_related("group", "member", "proposed_by").get(
        pk=proposal.pk
    )


@transaction.atomic
def removal_confirm(*, actor, proposal, reason, now=None) -> RemovalProposal:
    now = now or timezone.now()
    proposal = _locked(proposal)
    group = proposal.group
    standing = read_standing(actor, group)
    permissions.check_confirm_removal(standing, proposed_by=proposal.proposed_by, member=proposal.member)
    if not proposal.is_pending:
        raise Conflict(permissions.REMOVAL_SETTLED)
    reason = clean_reason(reason, DECISION_NEEDS_A_REASON)
    member = proposal.member
    membership_end(group=group, member=member, removed=True, now=now)
    GroupBan.objects.create(group=group, member=member, removal=proposal, created_at=now)
    # A link the removed member kept, or passed on, opens nothing any more; members share the new one.
    group.invite_token = new_invite_token()
    Group.objects.filter(pk=group.pk).update(invite_token=group.invite_token)
    proposal.confirmed_by = actor
    proposal.confirmed_at = now
    proposal.save(update_fields=["confirmed_by", "confirmed_at"])
    log_entry_write(actor=actor, group=group, action=LogAction.REMOVAL_CONFIRMED, role=role_for_log(standing),
                    target=member, reason=reason, now=now)
    return proposal


@transaction.atomic
def removal_cancel(*, actor, proposal, reason, now=None) -> RemovalProposal:
    now = now or timezone.now()
    proposal = _locked(proposal)
    standing = read_standing(actor, proposal.group)
    permissions.check_cancel_removal(standing, proposal)
    reason = clean_reason(reason, DECISION_NEEDS_A_REASON)
    proposal.cancelled = True
    proposal.cancelled_at = now
    proposal.save(update_fields=["cancelled", "cancelled_at"])
    log_entry_write(actor=actor, group=proposal.group, action=LogAction.REMOVAL_CANCELLED,
                    role=role_for_log(standing), target=proposal.member, reason=reason,
                    now=now)
    return proposal
