"""A forum thread page under load on one gunicorn sync worker, beside what any page costs.

Builds a group of 20 members and a thread of 50 posts written by them through the forum
services, signs one member in (a session made here, sent as a cookie), and serves the project
with DEBUG off on `gunicorn entraide.wsgi -w 1 -k sync` (the production HTTP path, one worker).
wrk then asks, each for DURATION seconds after a short warm-up, only on 127.0.0.1:

- the floor: two bytes from a Django view with no middleware (bench/floor_settings.py);
- the trivial view, GET /robots.txt with the member's cookie: the whole middleware stack,
  which reads the session and the member (for their language); and the same without the
  cookie, as a visitor: the middleware alone;
- the thread's first page (20 posts) as that member, rendered every time (no If-None-Match);
- the same page asked again with the ETag it answered with: the 304.

The thread is measured on SQLite (a throw-away file) and on PostgreSQL (a database made for
the run and dropped after it: BENCH_THREAD_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/entraide_bench_thread; skipped, saying so, when it cannot
be reached). The cache is the local-memory one and sessions are in the database, as in the
embedded default; with BENCH_REDIS_URL (redis://127.0.0.1:6379/14, say) the cache and the
sessions (cached_db) are in Redis, as in production, under a prefix of the run's own whose
keys are removed at the end. Prints requests per second, p50 and p99, and the ratios the aims
are about: trivial/floor (aim 50 %), thread/trivial (aim 40 %) and PostgreSQL thread/SQLite
thread (aim 80 %). Needs wrk (Debian: apt-get install wrk).
"""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AUTHORS = 20
POSTS = 50
DURATION = 10
WARM_UP = 2
CONNECTIONS = 4
THREADS = 1
POSTGRES_URL = os.environ.get("BENCH_THREAD_POSTGRES_URL",
                              "postgres://postgres@127.0.0.1:5432/entraide_bench_thread")
AIMS = {"trivial/floor": 0.5, "thread/trivial": 0.4, "PostgreSQL thread/SQLite thread": 0.8}
REDIS_PREFIX = "entraide-bench-thread"


def environment(database_url: str, settings_module: str = "entraide.settings") -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in {"REDIS_URL", "DEBUG", "DATABASE_URL", "DATABASE_CONN_MAX_AGE", "RELEASE"}}
    if database_url.startswith("sqlite"):
        # The worker's one thread keeps its connection: otherwise every request opens the file
        # again and, closing the last connection to it, checkpoints and removes the WAL (~8 ms).
        # PostgreSQL keeps its connections in psycopg's pool (the settings' default).
        env["DATABASE_CONN_MAX_AGE"] = "60"
    if os.environ.get("BENCH_REDIS_URL"):
        # Cache and sessions (cached_db) in Redis, as in production.
        env.update(REDIS_URL=os.environ["BENCH_REDIS_URL"], REDIS_PREFIX=REDIS_PREFIX)
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY="benchmark-only-secret-key-0123456789-0123456789-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        ENTRAIDE_PLAIN_STATIC="1",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE=settings_module,
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


def built(env: dict) -> dict:
    done = subprocess.run([sys.executable, __file__, "--build"], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"building the data failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- Server and load ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, headers: dict) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Server:
    """`gunicorn entraide.wsgi -w 1 -k sync` with the given environment, for a `with` block."""

    def __init__(self, env: dict, probe: str):
        self.env, self.probe, self.port = env, probe, free_port()

    def __enter__(self):
        command = [str(BIN / "gunicorn"), "entraide.wsgi", "-w", "1", "-k", "sync", "-b", f"127.0.0.1:{self.port}",
                   "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (exit code {self.process.returncode}):\n"
                                   f"{self.process.stderr.read().decode()}")
            try:
                if get(self.port, self.probe, {})[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _milliseconds(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(port: int, path: str, headers: dict, duration: int) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                            check=True).stdout
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


def measure(port: int, path: str, headers: dict) -> dict:
    wrk(port, path, headers, WARM_UP)
    return wrk(port, path, headers, DURATION)


def measure_thread(env: dict, database: str, *, with_trivial: bool) -> dict:
    data = built(env)
    cookie = {"Cookie": data["cookie"]}
    results = {}
    with Server(env, "/robots.txt") as server:
        # The first visit moves the reader's read mark; from the second on, the page is the same.
        get(server.port, data["thread_path"], cookie)
        status, headers, body = get(server.port, data["thread_path"], cookie)
        if status != 200 or b'id="post-20"' not in body:
            raise RuntimeError(f"the thread page answered {status} without its 20 posts: not signed in?")
        etag = headers["ETag"]
        conditional = {**cookie, "If-None-Match": etag}
        if get(server.port, data["thread_path"], conditional)[0] != 304:
            raise RuntimeError("the thread page does not answer 304 to its own ETag")
        if with_trivial:
            results["trivial view (/robots.txt)"] = measure(server.port, "/robots.txt", cookie)
            # Without the cookie: the middleware alone, no session nor member to read.
            results["  the same, as a visitor"] = measure(server.port, "/robots.txt", {})
        results[f"thread page, rendered ({database})"] = measure(server.port, data["thread_path"], cookie)
        results[f"thread page, 304 ({database})"] = measure(server.port, data["thread_path"], conditional)
    return results


def forget_redis_keys() -> None:
    """What the run kept in Redis (sessions, post renderings, flood counters), under its prefix."""
    if os.environ.get("BENCH_REDIS_URL"):
        import redis

        client = redis.Redis.from_url(os.environ["BENCH_REDIS_URL"])
        for key in client.scan_iter(f"{REDIS_PREFIX}:*"):
            client.delete(key)


def postgres_admin(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True,
                           connect_timeout=3), parts.path.lstrip("/")


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install -y wrk", file=sys.stderr)
        return 1
    print(f"{POSTS} posts by {AUTHORS} authors, 20 a page; one gunicorn sync worker; "
          f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s --latency; "
          f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())}", flush=True)
    results = {}
    workdir = Path(tempfile.mkdtemp(prefix="entraide-bench-thread-"))
    try:
        sqlite = environment(f"sqlite:///{workdir / 'bench.sqlite3'}")
        with Server(environment(sqlite["DATABASE_URL"], "bench.floor_settings"), "/") as floor:
            results["floor (no middleware, 2 bytes)"] = measure(floor.port, "/", {})
        results.update(measure_thread(sqlite, "SQLite", with_trivial=True))
        try:
            admin, database = postgres_admin(POSTGRES_URL)
        except Exception as error:  # any failure to connect means: no PostgreSQL here
            print(f"PostgreSQL skipped: cannot reach {POSTGRES_URL} ({error.__class__.__name__}).")
        else:
            with admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{database}"')
                try:
                    results.update(measure_thread(environment(POSTGRES_URL), "PostgreSQL", with_trivial=False))
                finally:
                    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        forget_redis_keys()

    print(f"{'page':<36} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'failed':>7}")
    for label, result in results.items():
        print(f"{label:<36} {result['rps']:>9.1f} {result['p50']:>8.2f} {result['p99']:>8.2f} {result['failed']:>7}"
              + (f"  socket errors: {result['errors']}" if result["errors"] else ""))
    rps = {label: result["rps"] for label, result in results.items()}
    ratios = {
        "trivial/floor": (rps["trivial view (/robots.txt)"], rps["floor (no middleware, 2 bytes)"]),
        "thread/trivial": (rps["thread page, rendered (SQLite)"], rps["trivial view (/robots.txt)"]),
    }
    if "thread page, rendered (PostgreSQL)" in rps:
        ratios["PostgreSQL thread/SQLite thread"] = (rps["thread page, rendered (PostgreSQL)"],
                                                     rps["thread page, rendered (SQLite)"])
    for name, (part, whole) in ratios.items():
        ratio = part / whole
        verdict = "aim met" if ratio >= AIMS[name] else f"below the aim of {AIMS[name]:.0%}"
        print(f"{name} = {ratio:.0%} ({verdict})")
    print(f"304/trivial = {rps['thread page, 304 (SQLite)'] / rps['trivial view (/robots.txt)']:.0%}")
    print(f"load average after: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    return 1 if any(result["failed"] for result in results.values()) else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--build"]:
        build()
    else:
        sys.exit(main())
