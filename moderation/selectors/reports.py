"""The reads of the review queue, the staff queue, appeals, removals and a member's own
decisions, each in a fixed number of queries. None of them reads who reported."""

from django.contrib.contenttypes.models import ContentType

from .. import reportables
from ..models import (
    PENDING_STATUSES,
    Appeal,
    RemovalProposal,
    Report,
    ReportDecision,
    ReportStatus,
)

RECENT = 20


def _group_by_target(reports, group=None) -> list[dict]:
    """One queue item per reported thing: how many reports, which categories, the notes."""
    items: dict[tuple, dict] = {}
    for report in reports:
        key = (report.group_id, report.target_type_id, report.target_object_id)
        item = items.get(key)
        if item is None:
            item = items[key] = {
                "report": report, "group": group or report.group, "kind": report.target_kind,
                "description": report.target_description, "url": report.target_url, "count": 0,
                "categories": [], "notes": [], "since": report.created_at, "escalated": False,
                "is_worry": False,
            }
        item["count"] += 1
        label = report.get_category_display()
        if label not in item["categories"]:
            item["categories"].append(label)
        if report.note:
            item["notes"].append(report.note)
        item["escalated"] = item["escalated"] or report.status == ReportStatus.ESCALATED
        item["is_worry"] = item["is_worry"] or report.category == "worry"
    return list(items.values())


def pending_reports_by(reporter, target):
    """The reporter's reports about `target` still waiting for a decision (one at most)."""
    return Report.objects.filter(
        reporter=reporter, target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_object_id=target.pk, status__in=PENDING_STATUSES,
    )


def review_queue(group) -> list[dict]:
    return _group_by_target(_pending_reports(group=group), group)


def scope_review_queue(scope: str, key: str) -> list[dict]:
    """The queue of a moderation scope (moderation.scopes): what belongs to no group."""
    return _group_by_target(_pending_reports(group=None, scope=scope, scope_key=key))


def _pending_reports(**place):
    return (
        Report.objects.filter(**place, status__in=PENDING_STATUSES)
        .only("group_id", "target_type_id", "target_object_id", "target_kind", "target_facts", "legacy_description",
              "target_url", "category", "note", "created_at", "status", "target_author_id")
        .order_by("created_at", "pk")
    )


def staff_queue() -> list[dict]:
    reports = (
        Report.objects.filter(status=ReportStatus.ESCALATED).select_related("group")
        .order_by("group__name", "group_id", "escalated_at", "pk")
    )
    return _group_by_target(reports)


def decisions_about(standing) -> list[ReportDecision]:
    """What was decided about this member in the group, with its appeal and warning; dismissals
    take nothing from anyone and are not shown."""
    return _decisions_about(standing.user, group=standing.group)


def scope_decisions_about(user, scope: str, key: str) -> list[ReportDecision]:
    return _decisions_about(user, group=None, scope=scope, scope_key=key)


def _decisions_about(user, **place) -> list[ReportDecision]:
    return list(
        ReportDecision.objects.filter(**place, member=user.pk).exclude(action="dismiss")
        .select_related("appeal", "warning").order_by("-created_at", "-pk")
    )


def appeals_for(group):
    """Pending and recently settled appeals. An appeal about an anonymous post does not name
    its appellant (`author_hidden`): that would tell the role holders who wrote it."""
    return _appeals(decision__group=group)


def scope_appeals_for(scope: str, key: str):
    return _appeals(decision__group=None, decision__scope=scope, decision__scope_key=key)


def _appeals(**place):
    base = Appeal.objects.filter(**place).select_related(
        "decision", "decision__decided_by", "appellant", "settled_by"
    )
    pending = list(base.filter(settled_at__isnull=True).order_by("created_at", "pk"))
    settled = list(base.filter(settled_at__isnull=False).order_by("-settled_at", "-pk")[:RECENT])
    appeals = [*pending, *settled]
    hidden = reportables.authors_hidden(
        (appeal.decision.target_kind, appeal.decision.target_object_id) for appeal in appeals
    )
    for appeal in appeals:
        appeal.author_hidden = (appeal.decision.target_kind, appeal.decision.target_object_id) in hidden
    return pending, settled


def removals_for(group):
    base = RemovalProposal.objects.filter(group=group).select_related("member", "proposed_by", "confirmed_by")
    return list(base.filter(confirmed_at__isnull=True, cancelled=False).order_by("created_at", "pk")), list(
        base.exclude(confirmed_at__isnull=True, cancelled=False).order_by("-created_at", "-pk")[:RECENT]
    )


def removal_candidates(standing):
    """The members a role holder may propose to remove: everyone in the group but themself."""
    from entraide.models import Membership

    return (
        Membership.objects.filter(group=standing.group).exclude(user=standing.user.pk).select_related("user")
        .order_by("user__pseudonym")
    )

