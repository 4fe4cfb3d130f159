"""Removing a member from a group takes two different role holders: one proposes, another
confirms. Nobody can expel someone alone. A removed member cannot rejoin."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import Group, Membership
from entraide.models.groups import new_invite_token
from entraide.permissions import forget_membership, is_member
from entraide.services.groups import membership_end

from .. import permissions
from ..models import DecisionAction, GroupBan, LogAction, RemovalProposal, ReportDecision
from ..subjects import person_facts
from .checks import clean_reason, role_for_log
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
    if not permissions.can_propose_removal(actor, group):
        raise NotAllowed(_("Seules les personnes qui tiennent un rôle, pendant leur mandat, proposent une exclusion."))
    if member is None or not is_member(member, group):
        raise DomainError(_("Choisissez un membre du groupe."))
    if member.pk == actor.pk:
        raise DomainError(_("Vous ne pouvez pas proposer votre propre exclusion ; vous pouvez quitter le groupe."))
    reason = clean_reason(reason, _("Chaque décision a besoin d'une raison : écrivez-la en quelques mots."))
    membership = Membership.objects.get(group=group, user=member)
    decision = ReportDecision.objects.create(
        group=group, target_type=ContentType.objects.get_for_model(Membership), target_object_id=membership.pk,
        target_kind="member", target_facts=person_facts(member),
        member=member, decided_by=actor, action=DecisionAction.PROPOSE_REMOVAL, reason=reason, created_at=now,
    )
    proposal = removal_open(actor=actor, decision=decision, now=now)
    log_entry_write(actor=actor, group=group, action=LogAction.REMOVAL_PROPOSED, role=role_for_log(actor, group),
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
    if not proposal.is_pending:
        raise Conflict(_("Cette proposition d'exclusion a déjà été tranchée."))
    if actor.pk == proposal.proposed_by_id:
        raise NotAllowed(_("Une exclusion doit être confirmée par un·e autre responsable que la personne qui l'a "
                           "proposée : personne n'exclut seul·e."))
    if actor.pk == proposal.member_id or not permissions.can_confirm_removal(actor, group,
                                                                             proposed_by=proposal.proposed_by):
        raise NotAllowed(_("Seules les personnes qui tiennent un rôle, pendant leur mandat, confirment une exclusion."))
    reason = clean_reason(reason, _("Chaque décision a besoin d'une raison : écrivez-la en quelques mots."))
    member = proposal.member
    membership_end(group=group, member=member, removed=True, now=now)
    forget_membership(member)
    permissions.forget_roles(member)
    GroupBan.objects.create(group=group, member=member, removal=proposal, created_at=now)
    # A link the removed member kept, or passed on, opens nothing any more; members share the new one.
    group.invite_token = new_invite_token()
    Group.objects.filter(pk=group.pk).update(invite_token=group.invite_token)
    proposal.confirmed_by = actor
    proposal.confirmed_at = now
    proposal.save(update_fields=["confirmed_by", "confirmed_at"])
    log_entry_write(actor=actor, group=group, action=LogAction.REMOVAL_CONFIRMED, role=role_for_log(actor, group),
                    target=member, reason=reason, now=now)
    return proposal


@transaction.atomic
def removal_cancel(*, actor, proposal, reason, now=None) -> RemovalProposal:
    now = now or timezone.now()
    proposal = _locked(proposal)
    if not proposal.is_pending:
        raise Conflict(_("Cette proposition d'exclusion a déjà été tranchée."))
    if not permissions.can_cancel_removal(actor, proposal):
        raise NotAllowed(_("Seules les personnes qui tiennent un rôle, pendant leur mandat, annulent une proposition "
                           "d'exclusion."))
    reason = clean_reason(reason, _("Chaque décision a besoin d'une raison : écrivez-la en quelques mots."))
    proposal.cancelled = True
    proposal.cancelled_at = now
    proposal.save(update_fields=["cancelled", "cancelled_at"])
    log_entry_write(actor=actor, group=proposal.group, action=LogAction.REMOVAL_CANCELLED,
                    role=role_for_log(actor, proposal.group), target=proposal.member, reason=reason,
                    now=now)
    return proposal
