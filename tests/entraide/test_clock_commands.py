"""`manage.py clock` hands the periodic work of every app to the task worker, each at its interval."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from entraide import registry
from entraide.tasks import Periodic, enqueue_due


class _Recorded:
    def __init__(self):
        self.enqueued = 0

    def enqueue(self):
        self.enqueued += 1


@pytest.fixture
def ticking():
    task = _Recorded()
    registry.periodic_tasks.register("test_ticking", Periodic(task, timedelta(minutes=5)))
    yield task
    registry.periodic_tasks.unregister("test_ticking")


def test_every_task_is_enqueued_when_the_clock_starts_and_then_once_per_interval(ticking):
    start, last_run = timezone.now(), {}
    assert "test_ticking" in enqueue_due(last_run, start)
    assert "test_ticking" not in enqueue_due(last_run, start + timedelta(minutes=4))
    assert "test_ticking" in enqueue_due(last_run, start + timedelta(minutes=5))
    assert ticking.enqueued == 2


def test_once_enqueues_every_periodic_task_and_stops(ticking, capsys):
    call_command("clock", "--once")
    assert ticking.enqueued == 1
    out = capsys.readouterr().out
    assert "test_ticking handed to the task worker." in out
    assert "settle_due_proposals handed to the task worker." in out
