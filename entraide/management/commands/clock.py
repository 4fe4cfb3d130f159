"""The platform's clock: hands the work that falls due with time to the task worker.

Apps register a Periodic (a django-tasks task and its interval) on `registry.periodic_tasks`
in their ready(). `manage.py clock` runs beside the worker (`make run` starts it; in production
one systemd service, docs/deploy.md): every task is enqueued when the clock starts and then
once per interval. The tasks themselves find what is due and do each thing once, so a
restart, a second clock or a late run repeats nothing. `--once` enqueues them all and exits
(for cron, or to catch up by hand)."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from entraide.tasks import enqueue_due

TICK_SECONDS = 15


class Command(BaseCommand):
    help = "Hand the periodic work (reminders, due decisions) to the task worker, each at its interval."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue every periodic task once and exit.")

    def handle(self, *args, once, **options):
        last_run: dict = {}
        while True:
            for name in enqueue_due(last_run, timezone.now()):
                self.stdout.write(f"{name} handed to the task worker.")
            self.stdout.flush()
            if once:
                return
            time.sleep(TICK_SECONDS)
