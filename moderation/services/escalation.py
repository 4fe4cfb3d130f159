"""A report the group has not handled within 72 hours goes to the platform staff's queue,
as does any report about the group itself. A member's request for news never leaves the group."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import ESCALATION_DELAY, LogAction, LogReason, Report, ReportCategory, ReportStatus
from .log import log_entry_write, subject_of
from .reports import PLATFORM_NAME_FOR_LOG


def reports_escalate_due(now=None) -> int:
    """Run by the task worker (moderation.tasks) and by `manage.py moderation_due`, never by a
    page; safe to run any number of times. Returns how many reports were escalated by this call."""
    now = now or timezone.now()
    due = (
        # What a moderation scope holds stays with its moderators (moderation.scopes).
        Report.objects.filter(status=ReportStatus.OPEN, group__isnull=False)
        .exclude(category=ReportCategory.WORRY)
        .filter(Q(created_at__lte=now - ESCALATION_DELAY) | Q(target_kind="group"))
    )
    escalated = 0
    targets = due.values_list("group_id", "target_type_id", "target_object_id").distinct()
    for group_id, type_id, object_id in list(targets):
        with transaction.atomic():
            reports = list(
                due.select_for_update(of=("self",)).select_related("group")
                .filter(group_id=group_id, target_type_id=type_id, target_object_id=object_id)
            )
            if not reports:
                continue
            Report.objects.filter(pk__in=[report.pk for report in reports], status=ReportStatus.OPEN).update(
                status=ReportStatus.ESCALATED, escalated_at=now
            )
            escalated += len(reports)
            first = reports[0]
            log_entry_write(actor=None, actor_name=PLATFORM_NAME_FOR_LOG, group=first.group,
                            action=LogAction.ESCALATED, **subject_of(first),
                            reason_code=LogReason.ESCALATED_AFTER_DELAY, now=now)
    return escalated
