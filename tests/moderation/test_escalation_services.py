from datetime import timedelta

import pytest
from django.utils import timezone

from moderation.models import LogAction, ModerationLogEntry, Report, ReportStatus
from moderation.services.escalation import reports_escalate_due
from moderation.services.reports import report_create, worry_raise
from moderation.tasks import escalate_due_reports
from tests.factories import join, make_group

from .report_builders import decided, moderator_of, notes, reported_note  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_report_left_for_72_hours_goes_to_staff_once(notes):
    group = make_group()
    author, reporter = join(group), join(group)
    report = reported_note(group, author, reporter)
    reported_note(group, author, join(group))
    assert reports_escalate_due(now=report.created_at + timedelta(hours=71, minutes=59)) == 0
    later = report.created_at + timedelta(hours=72, minutes=1)
    assert reports_escalate_due(now=later) == 2
    assert reports_escalate_due(now=later + timedelta(hours=1)) == 0
    report.refresh_from_db()
    assert (report.status, report.escalated_at) == (ReportStatus.ESCALATED, later)
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.ESCALATED)
    shown = f"{entry.actor_display} {entry.target_display} {entry.target_facts} {entry.reason_display}"
    assert reporter.pseudonym not in shown


def test_a_decided_report_is_not_escalated(notes):
    group = make_group()
    moderator = moderator_of(group, join(group))
    report = reported_note(group, join(group), join(group))
    decided(report, moderator)
    assert reports_escalate_due(now=timezone.now() + timedelta(days=5)) == 0


def test_a_worry_never_leaves_the_group():
    group = make_group()
    worry_raise(actor=join(group), group=group)
    assert reports_escalate_due(now=timezone.now() + timedelta(days=10)) == 0
    assert Report.objects.get().status == ReportStatus.OPEN


def test_a_report_about_the_group_is_escalated_at_once():
    group = make_group()
    report_create(actor=join(group), target=group, category="other")
    assert Report.objects.get().status == ReportStatus.ESCALATED
    assert reports_escalate_due() == 0


def test_the_task_escalates_what_is_due(notes):
    group = make_group()
    report = reported_note(group, join(group), join(group))
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(hours=73))
    assert escalate_due_reports.call() == 1
