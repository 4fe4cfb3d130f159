"""Once a day, for a systemd timer or cron (docs/deploy.md): give every live meeting series its
occurrences up to the horizon, so that the coming months always have rows to answer on."""

from django.core.management.base import BaseCommand

from meetings.tasks import extend_horizons


class Command(BaseCommand):
    help = "Create the coming occurrences of every live meeting series (or hand it to the task worker)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Leave the work to the task worker.")

    def handle(self, *args, enqueue, **options):
        if enqueue:
            result = extend_horizons.enqueue()
            self.stdout.write(f"{extend_horizons.name} handed to the task worker ({result.id}).")
            return
        self.stdout.write(f"{extend_horizons.call()} occurrence(s) created.")
