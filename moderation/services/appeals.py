"""A member affected by a decision may appeal it once; another role holder than the one who
decided settles it. Upholding the appeal undoes the decision."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotAllowed

from .. import permissions, reportables
from ..models import (
    Appeal,
    AppealOutcome,
    DecisionAction,
    GroupBan,
    GroupMute,
    LogAction,
    MemberWarning,
    RemovalProposal,
    ReportDecision,
)
from .checks import clean_reason, role_for_log
from .content import content_visibility_set
from .log import log_entry_write, subject_of


@transaction.atomic
def appeal_file(*, actor, decision, reason, now=None) -> Appeal:
    now = now or timezone.now()
    decision = ReportDecision.objects.select_for_update().get(pk=decision.pk)
    if not (actor and actor.is_authenticated) or decision.member_id != actor.pk:
        raise NotAllowed(_("Seule la personne concernée par une décision peut faire recours."))
    if Appeal.objects.filter(decision=decision).exists():
        raise Conflict(_("Vous avez déjà fait recours contre cette décision : un recours n'est possible qu'une fois."))
    if not decision.is_appealable:
        raise DomainError(_("Cette décision ne vous retire rien : il n'y a pas de recours à faire."))
    reason = clean_reason(reason, _("Dites en quelques mots pourquoi vous demandez de revoir cette décision."))
    try:
        with transaction.atomic():
            return Appeal.objects.create(decision=decision, appellant=actor, reason=reason, created_at=now)
    except IntegrityError as error:
        raise Conflict(_("Vous avez déjà fait recours contre cette décision.")) from error


@transaction.atomic
def appeal_settle(*, actor, appeal, uphold: bool, reason, now=None) -> Appeal:
    now = now or timezone.now()
    appeal = Appeal.objects.select_for_update().select_related("decision__group", "appellant").get(pk=appeal.pk)
    decision = appeal.decision
    group = decision.group
    if appeal.is_settled:
        raise Conflict(_("Ce recours a déjà été tranché."))
    if not permissions.holds_any_role(actor, group):
        raise NotAllowed(_("Seules les personnes qui tiennent un rôle, pendant leur mandat, tranchent les recours."))
    if actor.pk == decision.decided_by_id:
        raise NotAllowed(_("Vous avez pris cette décision : un·e autre responsable tranche le recours."))
    if actor.pk == appeal.appellant_id:
        raise NotAllowed(_("Ce recours est le vôtre : un·e autre responsable le tranche."))
    reason = clean_reason(reason, _("Chaque décision a besoin d'une raison : écrivez-la en quelques mots."))
    if uphold:
        _undo(decision, now)
    appeal.settled_by = actor
    appeal.outcome = AppealOutcome.UPHELD if uphold else AppealOutcome.REJECTED
    appeal.settle_reason = reason
    appeal.settled_at = now
    appeal.save(update_fields=["settled_by", "outcome", "settle_reason", "settled_at"])
    log_entry_write(actor=actor, group=group, action=LogAction.APPEAL_UPHELD if uphold else LogAction.APPEAL_REJECTED,
                    role=role_for_log(actor, group), **subject_of(decision), reason=reason, now=now)
    return appeal


def _undo(decision: ReportDecision, now) -> None:
    if decision.action == DecisionAction.HIDE:
        target = reportables.resolve(decision.target_kind, decision.target_object_id)
        if target is not None:
            content_visibility_set(target, False)
    elif decision.action == DecisionAction.WARN:
        MemberWarning.objects.filter(decision=decision).update(withdrawn_at=now)
    elif decision.action == DecisionAction.MUTE:
        GroupMute.objects.filter(decision=decision, lifted_at__isnull=True).update(lifted_at=now)
        if decision.member is not None:
            permissions.forget_mutes(decision.member)
    elif decision.action == DecisionAction.PROPOSE_REMOVAL:
        # Not yet confirmed: it stops here. Confirmed: the member may join again.
        RemovalProposal.objects.filter(decision=decision, confirmed_at__isnull=True, cancelled=False).update(
            cancelled=True, cancelled_at=now
        )
        GroupBan.objects.filter(removal__decision=decision, lifted_at__isnull=True).update(lifted_at=now)
    decision.undone_at = now
    decision.save(update_fields=["undone_at"])
