"""Decisions by consent: a proposal takes effect when its window closes unless a member objects."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.errors import Conflict, DomainError
from entraide.models import Group
from entraide.services.groups import group_stop
from entraide.selectors.memberships import is_member
from entraide.standing import read_standing
from entraide.text import render_markdown

from .. import permissions
from ..models import (
    CHARTER_MAX_LENGTH,
    CONSENT_WINDOW,
    REASON_MAX_LENGTH,
    LogAction,
    Objection,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RoleHolding,
)
from .holdings import holding_start, holdings_end
from .log import log_entry_write


def _describe(proposal: Proposal):
    """Whom the log names: who would take the role, or to whom it is handed on (as a member,
    so that a closed account reads "former member" in each reader's language)."""
    if proposal.kind == ProposalKind.TAKE_ROLE:
        return proposal.proposer
    if proposal.kind == ProposalKind.HAND_ON_ROLE:
        return proposal.target
    return ""


def proposal_open(*, actor, group, kind, role="", target=None, charter_text="", charter_version=None,
                  reason="", now=None) -> Proposal:
    """Called by the services that check what each kind of proposal needs."""
    now = now or timezone.now()
    proposal = Proposal.objects.create(
        group=group, kind=kind, proposer=actor, role=role, target=target, charter_text=charter_text,
        charter_version=charter_version, reason=reason, created_at=now, decides_at=now + CONSENT_WINDOW,
    )
    log_entry_write(actor=actor, group=group, action=LogAction.PROPOSAL_OPENED, role=role,
                    target=_describe(proposal), proposal=proposal, now=now)
    transaction.on_commit(lambda: _settle_later(proposal.decides_at))
    return proposal


def _settle_later(when) -> None:
    """Ask the task worker to settle when the window closes. Only the worker settles (pages
    only read); `manage.py moderation_due` is the safety net for a task that was lost."""
    from ..tasks import settle_due_proposals

    if settle_due_proposals.get_backend().supports_defer:
        settle_due_proposals.using(run_after=when).enqueue()


@transaction.atomic
def charter_change_propose(*, actor, group, charter_text, now=None) -> Proposal:
    permissions.check_propose(read_standing(actor, group))
    charter_text = (charter_text or "").strip()
    if not charter_text:
        raise DomainError(_("Écrivez la charte telle que vous la proposez."))
    if len(charter_text) > CHARTER_MAX_LENGTH:
        raise DomainError(_("La charte ne peut pas dépasser %(max)s caractères.") % {"max": CHARTER_MAX_LENGTH})
    if charter_text == group.charter:
        raise DomainError(_("Ce texte est celui de la charte actuelle : changez-le pour faire une proposition."))
    if Proposal.objects.filter(
        group=group, proposer=actor, kind=ProposalKind.CHANGE_CHARTER, status=ProposalStatus.OPEN
    ).exists():
        raise Conflict(_("Votre proposition de charte est déjà en consultation ; retirez-la pour en faire une autre."))
    return proposal_open(actor=actor, group=group, kind=ProposalKind.CHANGE_CHARTER, charter_text=charter_text,
                         charter_version=group.charter_version, now=now)


CLOSE_REASON_NEEDED = gettext_lazy("Dites en quelques mots pourquoi le groupe s'arrêterait : les membres le liront "
                                   "avant de consentir ou d'objecter.")
CLOSE_ALREADY_PROPOSED = gettext_lazy("Une proposition d'arrêter le groupe est déjà en consultation : "
                                      "les membres y répondent avant toute autre.")


@transaction.atomic
def group_close_propose(*, actor, group, reason, now=None) -> Proposal:
    """Ask the group to stop. Like any decision it takes effect when the window closes unless
    a member objects; the group then stops (entraide's `group_stop`). One such proposal is in
    consultation at a time in a group."""
    # Serialised per group, so two role holders posting at once open one proposal, not two.
    group = Group.objects.select_for_update().get(pk=group.pk)
    permissions.check_propose_close(read_standing(actor, group))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(CLOSE_REASON_NEEDED)
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("La raison ne peut pas dépasser %(max)s caractères.") % {"max": REASON_MAX_LENGTH})
    if Proposal.objects.filter(group=group, kind=ProposalKind.CLOSE_GROUP, status=ProposalStatus.OPEN).exists():
        raise Conflict(CLOSE_ALREADY_PROPOSED)
    return proposal_open(actor=actor, group=group, kind=ProposalKind.CLOSE_GROUP, reason=reason, now=now)


def proposals_lapse_with_group(*, actor, group, now) -> None:
    """A group that stopped decides nothing more: what was in consultation lapses
    (registry.group_stopped). The decision to stop, adopted just before, is settled already."""
    for proposal in Proposal.objects.filter(group=group, status=ProposalStatus.OPEN).select_related("proposer", "target"):
        proposal.status, proposal.settled_at = ProposalStatus.LAPSED, now
        proposal.save(update_fields=["status", "settled_at"])
        log_entry_write(actor=proposal.proposer, group=group, action=LogAction.PROPOSAL_LAPSED, role=proposal.role,
                        target=_describe(proposal), proposal=proposal, now=now)


def group_stop_log(*, actor, group, now) -> None:
    """The moderation log records that the group stopped (registry.group_stopped): with no
    actor when nobody did it in person (the group's decision settled, its last member gone)."""
    from .reports import PLATFORM_NAME_FOR_LOG

    log_entry_write(actor=actor, group=group, action=LogAction.GROUP_STOPPED, now=now,
                    actor_name=None if actor is not None else PLATFORM_NAME_FOR_LOG)


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update(of=("self",)).select_related("group", "proposer", "target").get(pk=proposal.pk)


@transaction.atomic
def proposal_object(*, actor, proposal, reason, now=None) -> Objection:
    """An objection with its reason keeps the proposal from taking effect."""
    now = now or timezone.now()
    proposal = _locked(proposal)
    permissions.check_object(read_standing(actor, proposal.group), proposal, now=now)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Dites en quelques mots pourquoi vous objectez : le groupe en a besoin pour avancer."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("La raison ne peut pas dépasser %(max)s caractères.") % {"max": REASON_MAX_LENGTH})
    if proposal.objections.filter(member=actor).exists():
        raise Conflict(_("Vous avez déjà objecté à cette proposition."))
    objection = Objection.objects.create(proposal=proposal, member=actor, reason=reason, created_at=now)
    if proposal.status == ProposalStatus.OPEN:
        proposal.status = ProposalStatus.BLOCKED
        proposal.settled_at = now
        proposal.save(update_fields=["status", "settled_at"])
    log_entry_write(actor=actor, group=proposal.group, action=LogAction.PROPOSAL_BLOCKED, role=proposal.role,
                    target=_describe(proposal), proposal=proposal, reason=reason, now=now)
    return objection


@transaction.atomic
def proposal_withdraw(*, actor, proposal, now=None) -> Proposal:
    now = now or timezone.now()
    proposal = _locked(proposal)
    permissions.check_withdraw(actor, proposal, now=now)
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.settled_at = now
    proposal.save(update_fields=["status", "settled_at"])
    log_entry_write(actor=actor, group=proposal.group, action=LogAction.PROPOSAL_WITHDRAWN, role=proposal.role,
                    target=_describe(proposal), proposal=proposal, now=now)
    return proposal


def proposal_settle_due(*, group=None, now=None) -> int:
    """Adopt every open proposal whose window has closed (an objection has already blocked the
    others). Run by the task worker (moderation.tasks) and by `manage.py moderation_due`, never
    by a page; safe to run any number of times, side by side. Nobody acts: the decision is the
    group's. Returns how many took effect."""
    now = now or timezone.now()
    due = Proposal.objects.filter(status=ProposalStatus.OPEN, decides_at__lte=now)
    if group is not None:
        due = due.filter(group=group)
    adopted = 0
    for pk in due.order_by("decides_at", "pk").values_list("pk", flat=True):
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update(of=("self",)).select_related("group", "proposer", "target").get(pk=pk)
            if proposal.status != ProposalStatus.OPEN or proposal.decides_at > now:
                continue
            adopted += _take_effect(proposal, now)
    return adopted


def _take_effect(proposal: Proposal, when) -> int:
    group = proposal.group
    action = None
    if proposal.kind == ProposalKind.TAKE_ROLE:
        if _can_receive(proposal.proposer, group, proposal.role, when):
            holding_start(group=group, user=proposal.proposer, role=proposal.role, now=when)
            action = LogAction.ROLE_CONSENTED
    elif proposal.kind == ProposalKind.HAND_ON_ROLE:
        if _can_receive(proposal.target, group, proposal.role, when):
            holdings_end(group=group, user=proposal.proposer, role=proposal.role, now=when)
            holding_start(group=group, user=proposal.target, role=proposal.role, now=when)
            action = LogAction.ROLE_HANDED_ON
    elif proposal.kind == ProposalKind.CLOSE_GROUP:
        return _close_group(proposal, when)
    else:
        group = Group.objects.select_for_update().get(pk=group.pk)
        if group.charter_version == proposal.charter_version:
            Group.objects.filter(pk=group.pk).update(
                charter=proposal.charter_text, charter_html=render_markdown(proposal.charter_text),
                charter_version=F("charter_version") + 1,
            )
            action = LogAction.CHARTER_CHANGED
    proposal.status = ProposalStatus.ADOPTED if action else ProposalStatus.LAPSED
    proposal.settled_at = when
    proposal.save(update_fields=["status", "settled_at"])
    log_entry_write(actor=proposal.proposer, group=group, action=action or LogAction.PROPOSAL_LAPSED,
                    role=proposal.role, target=_describe(proposal), proposal=proposal, now=when)
    return 1 if action else 0


def _close_group(proposal: Proposal, when) -> int:
    """Recorded as adopted before the group stops, so that stopping lapses only the others."""
    group = Group.objects.select_for_update().get(pk=proposal.group_id)
    adopted = group.stopped_at is None
    proposal.status = ProposalStatus.ADOPTED if adopted else ProposalStatus.LAPSED
    proposal.settled_at = when
    proposal.save(update_fields=["status", "settled_at"])
    log_entry_write(actor=proposal.proposer, group=group,
                    action=LogAction.GROUP_CLOSED if adopted else LogAction.PROPOSAL_LAPSED,
                    proposal=proposal, reason=proposal.reason if adopted else "", now=when)
    if adopted:
        group_stop(actor=None, group=group, now=when)
    return 1 if adopted else 0


def _can_receive(user, group, role, when) -> bool:
    """Still a member, the function still on, and not already holding the role."""
    return (
        is_member(user, group)
        and role in permissions.enabled_roles(group)
        and not RoleHolding.objects.current(when).filter(group=group, user=user, role=role).exists()
    )
