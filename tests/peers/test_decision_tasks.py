from datetime import timedelta

import pytest
from django.utils import timezone

from entraide import registry
from peers.models import ProgrammeProposalStatus
from peers.services.decisions import guidelines_change_propose
from peers.tasks import settle_programme_proposals

from .builders import make_coordinator, make_supporter, programme

pytestmark = pytest.mark.django_db


def test_the_task_adopts_the_proposals_whose_window_closed_and_leaves_the_others_open():
    coordinator = make_coordinator("fr")
    due = guidelines_change_propose(actor=coordinator, programme=programme("fr"), guidelines_text="A",
                                    now=timezone.now() - timedelta(days=3))
    waiting = guidelines_change_propose(actor=make_supporter().member, programme=programme("fr"), guidelines_text="B")
    assert settle_programme_proposals.enqueue().return_value == 1
    due.refresh_from_db()
    waiting.refresh_from_db()
    assert (due.status, waiting.status) == (ProgrammeProposalStatus.ADOPTED, ProgrammeProposalStatus.OPEN)


def test_opening_a_proposal_asks_the_worker_to_settle_it_when_its_window_closes(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    coordinator = make_coordinator("fr")
    with django_capture_on_commit_callbacks(execute=True):
        proposal = guidelines_change_propose(actor=coordinator, programme=programme("fr"), guidelines_text="A")
    task = DBTaskResult.objects.get(task_path="peers.tasks.settle_programme_proposals")
    assert task.run_after == proposal.decides_at


def test_the_clock_settles_programme_proposals_every_ten_minutes_in_case_a_task_was_lost():
    periodic = registry.periodic_tasks.get("peer_programme_proposals")
    assert (periodic.task, periodic.every) == (settle_programme_proposals, timedelta(minutes=10))
