"""For cron: send the daily notification digests (or hand them to the task worker)."""

from django.core.management.base import BaseCommand

from notifications.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Send the daily digest of unread notifications to the members who chose it."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Leave the sending to the task worker.")

    def handle(self, *args, enqueue, **options):
        if enqueue:
            result = send_daily_digests.enqueue()
            self.stdout.write(f"Digest handed to the task worker ({result.id}).")
            return
        sent = send_daily_digests.call()
        self.stdout.write(f"{sent} digest(s) sent.")
