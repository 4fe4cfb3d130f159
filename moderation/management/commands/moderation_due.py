"""The task worker's safety net, for a systemd timer or cron (docs/deploy.md): settle the
proposals whose consent window has closed and escalate the reports left unhandled for 72
hours. Opening a proposal or a report already queues a task for the moment it is due, and a
worker that was down runs its queue when it is back; this catches what a lost task would
leave behind. Pages never do this work."""

from django.core.management.base import BaseCommand

from moderation.tasks import escalate_due_reports, settle_due_proposals


class Command(BaseCommand):
    help = "Settle the proposals and escalate the reports that are due (or hand both to the task worker)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Leave the work to the task worker.")

    def handle(self, *args, enqueue, **options):
        if enqueue:
            for task in (settle_due_proposals, escalate_due_reports):
                result = task.enqueue()
                self.stdout.write(f"{task.name} handed to the task worker ({result.id}).")
            return
        settled = settle_due_proposals.call()
        escalated = escalate_due_reports.call()
        self.stdout.write(f"{settled} proposal(s) took effect, {escalated} report(s) escalated.")
