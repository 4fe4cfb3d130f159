"""A forum thread page under load, beside a trivial Django view, on gunicorn and on Daphne.

Builds, in a throw-away SQLite file, a group of 20 members and a thread of 50 posts written
by them through the forum services, signs one member in (a session made here, sent as a
cookie), then serves the project with DEBUG off:

- gunicorn (the production HTTP path): gunicorn entraide.wsgi -w 2 -b 127.0.0.1:<port>
- Daphne (the ASGI server):            daphne -b 127.0.0.1 -p <port> entraide.asgi:application

and measures with wrk, for each server, GET /robots.txt (a trivial Django view: the whole
middleware stack, no query but the session's) and the thread's first page (20 posts) as the
signed-in member: as members reach it (kept between visits while unchanged), and rendered
every time (another query string, which the kept pages do not answer). Each measure runs DURATION seconds after a short warm-up, only on 127.0.0.1.
Prints requests per second, p50 and p99 latency, and the ratio thread/trivial (aim: 50 % or more).

Without wrk (apt-get install wrk) a bounded Python load generator is used instead, and says so.
"""

import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AUTHORS = 20
POSTS = 50
DURATION = 10
WARM_UP = 2
CONNECTIONS = 8
THREADS = 2
AIM = 0.5


def environment(database_url: str, port: int = 0) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DEBUG", "DATABASE_URL"}}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY="benchmark-only-secret-key-0123456789-0123456789-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        ENTRAIDE_PLAIN_STATIC="1",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="entraide.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


# --- Building the data (child process, --build) ----------------------------------------------

def build() -> None:
    """Runs in its own process with the benchmark's settings; prints what the measures need as JSON."""
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from entraide.models import Region, Theme, User
    from entraide.services import groups as group_services
    from forums.services.posts import post_create, thread_create
    from moderation import limits

    call_command("migrate", verbosity=0)
    # Building 50 posts in a second is not what flood control is about.
    unlimited = limits.Limit(per_minute=10**6, per_hour=10**6, new_per_minute=10**6, new_per_hour=10**6)
    limits.LIMITS["post"] = unlimited

    members = []
    for index in range(AUTHORS):
        user = User.objects.create_user(f"bench{index}@example.org", f"Membre {index:02d}", "a calm password 42")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        members.append(user)
    group = group_services.group_create(
        actor=members[0], name="Traverser le deuil ensemble", themes=[Theme.objects.get(code="grief")],
        languages=["fr"], region=Region.objects.get(code="online"),
        description="Un groupe pour parler du deuil entre pairs.",
    )
    for user in members[1:]:
        group_services.group_join(actor=user, group=group, charter_version_accepted=group.charter_version)
    paragraph = ("Depuis la perte de ma mère, les **dimanches** sont les plus durs. Ce qui m'aide : "
                 "marcher le matin, écrire, et lire vos messages. Merci à @Membre 01 pour son conseil.\n\n"
                 "> Un jour à la fois.\n\n- respirer\n- appeler quelqu'un\n- dormir un peu\n")
    thread = thread_create(actor=members[0], group=group, title="Les dimanches après le deuil", body=paragraph)
    for number in range(2, POSTS + 1):
        post_create(actor=members[number % AUTHORS], thread=thread, body=f"{paragraph}\n(message {number})",
                    is_anonymous=number % 7 == 0)
    reader = members[5]
    session = SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.create()
    print(json.dumps({
        "thread_path": f"/groups/{group.slug}/forum/{thread.pk}/",
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
    }))


# --- Servers ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until_serving(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit code {process.returncode})")
        try:
            if get(port, "/robots.txt")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not answer within 30 s")


SERVERS = {
    "gunicorn": lambda port: [str(BIN / "gunicorn"), "entraide.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
                              "--log-level", "warning"],
    "daphne": lambda port: [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "-v", "0",
                            "entraide.asgi:application"],
}


# --- Load --------------------------------------------------------------------------------------

def _milliseconds(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def measure_with_wrk(port: int, path: str, cookie: str, duration: int) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "--timeout", "10s",
               "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = {
        int(match[0]): _milliseconds(match[1], match[2])
        for match in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    }
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": percentiles[50], "p99": percentiles[99],
        "failed": int(failures.group(1)) if failures else 0,
        "errors": errors.group(1) if errors else "",
    }


def measure_with_python(port: int, path: str, cookie: str, duration: int) -> dict:
    """CONNECTIONS keep-alive connections for `duration` seconds, each in its own thread."""
    latencies, failed, stop = [], [0], time.monotonic() + duration
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                ok = False
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                failed[0] += not ok
        connection.close()

    workers = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"rps": len(latencies) / duration, "p50": quantiles[49], "p99": quantiles[98], "failed": failed[0],
            "errors": ""}


def run_server(name: str, env: dict, data: dict, measure) -> list[tuple]:
    port = free_port()
    process = subprocess.Popen(SERVERS[name](port), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    rows = []
    try:
        wait_until_serving(port, process)
        status, body = get(port, data["thread_path"], data["cookie"])
        if status != 200 or b'id="post-20"' not in body:
            raise RuntimeError(f"the thread page answered {status} without its 20 posts: not signed in?")
        pages = (
            ("trivial view (/robots.txt)", "/robots.txt"),
            ("thread page, 20 posts", data["thread_path"]),
            # Any other query string is a request the kept pages do not answer (forums.thread_pages):
            # the page is rendered every time, as after each change to the thread.
            ("  rendered each time", data["thread_path"] + "?page=1&rendered=1"),
        )
        for label, path in pages:
            measure(port, path, data["cookie"], WARM_UP)
            rows.append((name, label, measure(port, path, data["cookie"], DURATION)))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return rows


def main() -> int:
    if shutil.which("wrk"):
        measure, generator = measure_with_wrk, f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s --latency"
    else:
        print("wrk is not installed (Debian: apt-get install wrk): using the bounded Python load generator "
              "instead; its own cost on the same CPUs lowers every figure.", flush=True)
        measure, generator = measure_with_python, f"Python, {CONNECTIONS} keep-alive connections, {DURATION} s"
    workdir = Path(tempfile.mkdtemp(prefix="entraide-bench-thread-"))
    try:
        env = environment(f"sqlite:///{workdir / 'bench.sqlite3'}")
        built = subprocess.run([sys.executable, __file__, "--build"], cwd=ROOT, env=env, capture_output=True,
                               text=True)
        if built.returncode != 0:
            print(built.stderr, file=sys.stderr)
            return 1
        data = json.loads(built.stdout.strip().splitlines()[-1])
        print(f"{POSTS} posts by {AUTHORS} authors; load: {generator}; "
              f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())}", flush=True)
        rows = []
        for name in SERVERS:
            rows += run_server(name, env, data, measure)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'server':<10} {'page':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'failed':>7}")
    for name, label, result in rows:
        print(f"{name:<10} {label:<28} {result['rps']:>9.1f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
              f"{result['failed']:>7}" + (f"  socket errors: {result['errors']}" if result["errors"] else ""))
    failures = 0
    for name in SERVERS:
        trivial, thread, rendered = [result for server, _label, result in rows if server == name]
        ratio = thread["rps"] / trivial["rps"] if trivial["rps"] else 0.0
        verdict = "aim met" if ratio >= AIM else f"below the aim of {AIM:.0%}"
        rendered_ratio = rendered["rps"] / trivial["rps"] if trivial["rps"] else 0.0
        print(f"{name}: thread/trivial = {ratio:.0%} ({verdict}); rendered each time: {rendered_ratio:.0%}")
        failures += trivial["failed"] + thread["failed"] + rendered["failed"]
    print(f"load average after: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--build"]:
        build()
    else:
        sys.exit(main())
