import pytest

from moderation.models import ProposalStatus, RoleKind
from moderation.services.roles import role_volunteer
from moderation.tasks import settle_due_proposals
from tests.factories import join, make_group

from .builders import window_passed

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
