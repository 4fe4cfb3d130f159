"""Moderators decide on the reports of their group; staff decide on escalated ones only.

One decision settles every pending report about the same thing. Each needs a reason; the
log says what was done, by which role holder, why and to what, never who reported."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.selectors.memberships import is_member
from entraide.standing import read_standing
from notifications.services import notification_send, notifications_mark_read_about

from .. import permissions, reportables, scopes
from ..models import (
    MUTE_DAYS,
    PENDING_STATUSES,
    DecisionAction,
    GroupMute,
    LogAction,
    LogReason,
    MemberWarning,
    Report,
    ReportCategory,
    ReportDecision,
    ReportStatus,
    RoleKind,
)
from .checks import DECISION_NEEDS_A_REASON, NOT_HIDEABLE, clean_reason
from .content import content_visibility_set
from .log import log_entry_write, place_of, subject_of
from .removal import removal_open

# The notification a member gets of a private warning (moderation.notifying).
WARNING_NOTIFICATION = "moderation_warning"

LOG_ACTIONS = {
    DecisionAction.DISMISS: LogAction.REPORT_DISMISSED,
    DecisionAction.HIDE: LogAction.CONTENT_HIDDEN,
    DecisionAction.WARN: LogAction.MEMBER_WARNED,
    DecisionAction.MUTE: LogAction.MEMBER_MUTED,
    DecisionAction.PROPOSE_REMOVAL: LogAction.REMOVAL_PROPOSED,
}
# Which decision staff took, kept as a code: staff never propose removal.
STAFF_REASONS = {
    DecisionAction.DISMISS: LogReason.STAFF_DISMISS,
    DecisionAction.HIDE: LogReason.STAFF_HIDE,
    DecisionAction.WARN: LogReason.STAFF_WARN,
    DecisionAction.MUTE: LogReason.STAFF_MUTE,
}
ABOUT_A_MEMBER = (DecisionAction.WARN, DecisionAction.MUTE, DecisionAction.PROPOSE_REMOVAL)
# What only a group can do to its members; a moderation scope (moderation.scopes) cannot.
GROUP_ONLY_ACTIONS = (DecisionAction.MUTE, DecisionAction.PROPOSE_REMOVAL)


@transaction.atomic
def report_decide(*, actor, report, action, reason, mute_days=None, now=None) -> ReportDecision:
    if report.group_id is None:
        scopes.check_moderate(actor, report.scope, report.scope_key)
    else:
        permissions.check_moderate(read_standing(actor, report.group))
    if report.target_author_id == actor.pk and report.category != ReportCategory.WORRY:
        raise NotAllowed(_("Ce signalement vous concerne : un·e autre modérateur·rice le traitera."))
    return _decide(actor=actor, report=report, action=action, reason=reason, mute_days=mute_days,
                   by_staff=False, now=now)


@transaction.atomic
def staff_report_decide(*, actor, report, action, reason, mute_days=None, now=None) -> ReportDecision:
    """Staff act on a group only here, on reports the group did not handle or that concern
    the group itself. Removal stays with the group's role holders."""
    permissions.check_use_staff_queue(actor)
    if report.status != ReportStatus.ESCALATED:
        raise NotAllowed(_("L'équipe de la plateforme ne traite que les signalements qui lui ont été transmis."))
    if action == DecisionAction.PROPOSE_REMOVAL:
        raise DomainError(_("L'exclusion d'un·e membre est décidée par deux responsables du groupe, pas par "
                            "l'équipe de la plateforme."))
    return _decide(actor=actor, report=report, action=action, reason=reason, mute_days=mute_days,
                   by_staff=True, now=now)


def _decide(*, actor, report, action, reason, mute_days, by_staff, now) -> ReportDecision:
    now = now or timezone.now()
    if action not in DecisionAction.values:
        raise DomainError(_("Choisissez une décision dans la liste."))
    reason = clean_reason(reason, DECISION_NEEDS_A_REASON)
    if action == DecisionAction.MUTE and mute_days not in MUTE_DAYS:
        raise DomainError(_("Choisissez la durée de la mise en sourdine : 1, 3 ou 7 jours."))
    pending = list(
        Report.objects.select_for_update().filter(
            group_id=report.group_id, scope=report.scope, scope_key=report.scope_key,
            target_type_id=report.target_type_id,
            target_object_id=report.target_object_id, status__in=PENDING_STATUSES,
        )
    )
    if report.pk not in {item.pk for item in pending}:
        raise Conflict(_("Ce signalement a déjà été traité."))
    group = report.group
    if report.category == ReportCategory.WORRY and action != DecisionAction.DISMISS:
        raise DomainError(_("Une demande de nouvelles se clôt simplement, avec un mot sur ce qui a été fait."))
    target = reportables.resolve(report.target_kind, report.target_object_id)
    member = report.target_author
    if action == DecisionAction.HIDE:
        try:
            hideable = target is not None and reportables.for_kind(report.target_kind).hideable
        except KeyError:
            hideable = False
        if not hideable:
            raise DomainError(NOT_HIDEABLE)
    if action in ABOUT_A_MEMBER and member is None:
        raise DomainError(_("Cette décision concerne un·e membre, et ce signalement ne vise personne en particulier."))
    if action in GROUP_ONLY_ACTIONS and group is None:
        raise DomainError(_("Mettre en sourdine et exclure se décident dans un groupe : ici, un avertissement "
                            "privé est la décision qui concerne une personne."))
    if action in GROUP_ONLY_ACTIONS and not is_member(member, group):
        raise DomainError(_("Cette personne n'est plus membre du groupe."))
    decision = ReportDecision.objects.create(
        group=group, scope=report.scope, scope_key=report.scope_key, target_type_id=report.target_type_id, target_object_id=report.target_object_id,
        target_kind=report.target_kind, target_facts=report.target_facts,
        legacy_description=report.legacy_description,
        member=None if report.category == ReportCategory.WORRY else member,
        decided_by=actor, by_staff=by_staff, action=action, reason=reason, created_at=now,
        mute_until=now + timedelta(days=mute_days) if action == DecisionAction.MUTE else None,
    )
    Report.objects.filter(pk__in=[item.pk for item in pending]).update(status=ReportStatus.DECIDED, decision=decision)
    _apply(decision, target, actor=actor, now=now)
    if report.category == ReportCategory.WORRY:
        return decision  # asking for support is private: nothing enters the log
    log_reason = "" if action == DecisionAction.WARN else reason  # a warning stays between the member and the group
    about = subject_of(decision)
    if by_staff:
        log_entry_write(actor=actor, **place_of(decision), action=LogAction.STAFF_ACTION, **about,
                        reason_code=STAFF_REASONS[action], reason=log_reason, now=now)
    else:
        # In a scope, its moderators act as such, holding none of a group's roles.
        log_entry_write(actor=actor, **place_of(decision), action=LOG_ACTIONS[action],
                        role=RoleKind.MODERATOR if group is not None else "", **about, reason=log_reason, now=now)
    return decision


def _apply(decision: ReportDecision, target, *, actor, now) -> None:
    if decision.action == DecisionAction.HIDE:
        content_visibility_set(target, True)
    elif decision.action == DecisionAction.WARN:
        warning = MemberWarning.objects.create(decision=decision, member=decision.member, text=decision.reason,
                                               created_at=now)
        notification_send(kind=WARNING_NOTIFICATION, subject=warning, recipient_ids=[warning.member_id], now=now)
    elif decision.action == DecisionAction.MUTE:
        GroupMute.objects.create(group=decision.group, member=decision.member, until=decision.mute_until,
                                 decision=decision, created_at=now)
    elif decision.action == DecisionAction.PROPOSE_REMOVAL:
        removal_open(actor=actor, decision=decision, now=now)


def warnings_mark_read(*, actor, group, now=None, scope="", scope_key="") -> int:
    """The member has seen their private warnings on their own page (of a group, or of a
    moderation scope when `group` is None): the notifications of them are read."""
    warnings = MemberWarning.objects.filter(decision__group=group, decision__scope=scope,
                                            decision__scope_key=scope_key, member=actor)
    return notifications_mark_read_about(actor=actor, subjects=warnings, now=now)
