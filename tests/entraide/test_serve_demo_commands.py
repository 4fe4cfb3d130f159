"""`manage.py serve_demo` runs Daphne, the task worker and the clock together and stops them together."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DROPPED = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE",
           "SECURE_SSL_REDIRECT", "ENTRAIDE_PLAIN_STATIC", "EMAIL_URL", "TASKS_BACKEND"}


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("serve-demo")
    env = {key: value for key, value in os.environ.items() if key not in DROPPED}
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{workdir / 'demo.sqlite3'}", ENTRAIDE_VAR_DIR=str(workdir),
               PYTHONUNBUFFERED="1")
    migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=300)
    assert migrate.returncode == 0, migrate.stderr
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(env, port: int, log_path: Path) -> subprocess.Popen:
    with log_path.open("w") as log:
        return subprocess.Popen([sys.executable, "manage.py", "serve_demo", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def child_pids(log_path: Path, *, timeout: float = 30) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = dict(re.findall(r"Started (Daphne|the task worker|the clock) \(pid (\d+)\)", log_path.read_text()))
        if len(found) == 3:
            return {name: int(pid) for name, pid in found.items()}
        time.sleep(0.1)
    pytest.fail(f"serve_demo did not start its three children:\n{log_path.read_text()}")


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that has exited but not been reaped by its parent yet is a zombie: stopped.
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


def wait_healthy(port: int, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log_path.read_text()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"no answer from /healthz:\n{log_path.read_text()}")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_stops_daphne_and_the_worker_and_exits_cleanly(demo_env, tmp_path, stop_signal):
    port, log_path = free_port(), tmp_path / "serve.log"
    process = start(demo_env, port, log_path)
    try:
        pids = child_pids(log_path)
        wait_healthy(port, process, log_path)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/entraide.css", timeout=5) as response:
            assert response.status == 200

        process.send_signal(stop_signal)

        assert process.wait(timeout=30) == 0, log_path.read_text()
        assert not any(is_running(pid) for pid in pids.values())
    finally:
        process.kill()


def test_when_daphne_cannot_start_the_worker_is_stopped_and_the_command_fails(demo_env, tmp_path):
    log_path = tmp_path / "serve.log"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = start(demo_env, taken.getsockname()[1], log_path)
        try:
            pids = child_pids(log_path)

            assert process.wait(timeout=60) != 0
        finally:
            process.kill()

    assert "Daphne stopped" in log_path.read_text()
    assert not is_running(pids["the task worker"]) and not is_running(pids["the clock"])
