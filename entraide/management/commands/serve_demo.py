"""Serve the embedded platform: Daphne (HTTP and WebSockets), the task worker and the clock side by side.

All run as child processes. Ctrl-C or SIGTERM is passed on to each; when any one
stops, the others are stopped too and the command exits with the first one's status.
"""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from entraide.serving import daphne_command

# How long a child gets to finish cleanly after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 10


def worker_command() -> list[str]:
    # No autoreloader: it would put one more process between us and the worker.
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--no-reload"]


def clock_command() -> list[str]:
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), "clock"]


def stop_all(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


class Command(BaseCommand):
    help = "Run Daphne, the task worker (manage.py db_worker) and the clock together, as `make run` does."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="Serve without the task worker and the clock.")

    def handle(self, *args, host, port, no_worker, **options):
        commands = {"Daphne": daphne_command(host, port)}
        if not no_worker:
            commands["the task worker"] = worker_command()
            commands["the clock"] = clock_command()
        stopping = []

        def request_stop(signum, frame):
            # Every child is sent SIGTERM below, once the loop sees this.
            stopping.append(signum)

        previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        # Children get their own session, so a Ctrl-C in the terminal reaches them once, from us.
        children = {
            name: subprocess.Popen(command, cwd=settings.BASE_DIR, start_new_session=True)
            for name, command in commands.items()
        }
        for name, child in children.items():
            self.stdout.write(f"Started {name} (pid {child.pid}).")
        self.stdout.write(f"Entraide is served at http://{host}:{port}/ (Ctrl-C stops it).", self.style.SUCCESS)
        self.stdout.flush()
        exit_code = 0
        try:
            while not stopping:
                ended = [(name, child) for name, child in children.items() if child.poll() is not None]
                if ended:
                    name, child = ended[0]
                    exit_code = child.returncode or 1
                    self.stderr.write(f"{name[0].upper()}{name[1:]} stopped (exit status {child.returncode}); stopping the rest.")
                    break
                time.sleep(0.2)
        finally:
            stop_all(children)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if exit_code:
            sys.exit(exit_code)
