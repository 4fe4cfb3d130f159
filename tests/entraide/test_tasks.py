"""Background work (entraide/tasks.py), run by the task worker from PostgreSQL (marker
`services`: run by `make test-services`, CI; skipped, with the reason, where it is not
configured)."""

from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from entraide.services.contact import contact_wish_register
from tests.factories import UserFactory, region, theme


@pytest.mark.services
def test_the_task_worker_runs_a_queued_task_from_postgresql(db, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    first, second = UserFactory(), UserFactory()
    contact_wish_register(actor=first, theme=theme("huntington"), region=region("online"))
    with django_capture_on_commit_callbacks(execute=True):
        contact_wish_register(actor=second, theme=theme("huntington"), region=region("online"))
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"

    # The test runs inside one transaction, which the worker's close_old_connections() would end.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO())

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
