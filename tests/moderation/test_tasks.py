from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from moderation.models import ESCALATION_DELAY, ProposalStatus, Report, ReportStatus, RoleKind
from moderation.services.roles import role_volunteer
from moderation.tasks import settle_due_proposals
from tests.factories import join, make_group

from .builders import window_passed
from .report_builders import notes, reported_note  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_task_adopts_the_proposals_whose_window_passed():
    group = make_group()
    due = window_passed(role_volunteer(actor=join(group), group=group, role=RoleKind.HOST))
    waiting = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    result = settle_due_proposals.enqueue()
    assert result.return_value == 1
    due.refresh_from_db()
    waiting.refresh_from_db()
    assert (due.status, waiting.status) == (ProposalStatus.ADOPTED, ProposalStatus.OPEN)


def test_opening_a_proposal_asks_the_worker_to_settle_it_when_its_window_closes(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    group = make_group()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    task = DBTaskResult.objects.get(task_path="moderation.tasks.settle_due_proposals")
    assert task.run_after == proposal.decides_at


def test_a_report_asks_the_worker_to_look_again_when_its_72_hours_end(
    settings, django_capture_on_commit_callbacks, notes
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    group = make_group()
    with django_capture_on_commit_callbacks(execute=True):
        report = reported_note(group, join(group), join(group))
    task = DBTaskResult.objects.get(task_path="moderation.tasks.escalate_due_reports")
    assert task.run_after == report.created_at + ESCALATION_DELAY


def test_the_safety_net_settles_and_escalates_what_is_due_and_nothing_else(notes):
    group = make_group()
    due = window_passed(role_volunteer(actor=join(group), group=group, role=RoleKind.HOST))
    waiting = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    old, fresh_report = (reported_note(group, join(group), join(group)) for _ in range(2))
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - ESCALATION_DELAY - timedelta(minutes=1))
    out = StringIO()

    call_command("moderation_due", stdout=out)

    assert out.getvalue().strip() == "1 proposal(s) took effect, 1 report(s) escalated."
    statuses = dict(Report.objects.values_list("pk", "status"))
    assert (statuses[old.pk], statuses[fresh_report.pk]) == (ReportStatus.ESCALATED, ReportStatus.OPEN)
    due.refresh_from_db()
    waiting.refresh_from_db()
    assert (due.status, waiting.status) == (ProposalStatus.ADOPTED, ProposalStatus.OPEN)


def test_the_safety_net_can_hand_its_work_to_the_worker(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    call_command("moderation_due", "--enqueue", stdout=StringIO())

    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "moderation.tasks.escalate_due_reports", "moderation.tasks.settle_due_proposals",
    ]
