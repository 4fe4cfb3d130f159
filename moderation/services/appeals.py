"""A member affected by a decision may appeal it once; another role holder than the one who
decided settles it. Upholding the appeal undoes the decision."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict
from entraide.standing import read_standing

from .. import permissions, reportables, scopes
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
from .checks import DECISION_NEEDS_A_REASON, clean_reason, role_for_log
from .content import content_visibility_set
from .log import log_entry_write, place_of, subject_of


@transaction.atomic
def appeal_file(*, actor, decision, reason, now=None) -> Appeal:
    now = now or timezone.now()
    # Under the lock, an appeal filed meanwhile is seen by the check.
    decision = ReportDecision.objects.select_for_update().get(pk=decision.pk)
    permissions.check_appeal(actor, decision)
    reason = clean_reason(reason, _("Dites en quelques mots pourquoi vous demandez de revoir cette décision."))
    try:
        with transaction.atomic():
            return Appeal.objects.create(decision=decision, appellant=actor, reason=reason, created_at=now)
    except IntegrityError as error:
        raise Conflict(permissions.ALREADY_APPEALED) from error


@transaction.atomic
def appeal_settle(*, actor, appeal, uphold: bool, reason, now=None) -> Appeal:
    now = now or timezone.now()
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related("decision__group", "appellant").get(pk=appeal.pk)
    decision = appeal.decision
    group = decision.group
    if group is None:
        scopes.check_moderate(actor, decision.scope, decision.scope_key)
        permissions.check_settle_appeal_by(actor, appeal)
        role = ""
    else:
        standing = read_standing(actor, group)
        permissions.check_settle_appeal(standing, appeal)
        role = role_for_log(standing)
    reason = clean_reason(reason, DECISION_NEEDS_A_REASON)
    if uphold:
        _undo(decision, now)
    appeal.settled_by = actor
    appeal.outcome = AppealOutcome.UPHELD if uphold else AppealOutcome.REJECTED
    appeal.settle_reason = reason
    appeal.settled_at = now
    appeal.save(update_fields=["settled_by", "outcome", "settle_reason", "settled_at"])
    log_entry_write(actor=actor, **place_of(decision),
                    action=LogAction.APPEAL_UPHELD if uphold else LogAction.APPEAL_REJECTED,
                    role=role, **subject_of(decision), reason=reason, now=now)
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
    elif decision.action == DecisionAction.PROPOSE_REMOVAL:
        # Not yet confirmed: it stops here. Confirmed: the member may join again.
        RemovalProposal.objects.filter(decision=decision, confirmed_at__isnull=True, cancelled=False).update(
            cancelled=True, cancelled_at=now
        )
        GroupBan.objects.filter(removal__decision=decision, lifted_at__isnull=True).update(lifted_at=now)
    decision.undone_at = now
    decision.save(update_fields=["undone_at"])
