"""The group directory under load on one gunicorn sync worker, beside the trivial view.

For 10,000 and then 100,000 listed groups over 30 themes, on SQLite (a throw-away file) and
on PostgreSQL (a database made for the run and dropped after it: BENCH_DIRECTORY_POSTGRES_URL,
default postgres://postgres@127.0.0.1:5432/entraide_bench_dir; skipped, saying so, when it
cannot be reached), the project is served with DEBUG off on `gunicorn entraide.wsgi -w 1 -k
sync`, as bench_thread.py does, and wrk asks, each for DURATION seconds after a warm-up, as a
visitor (no cookie), only on 127.0.0.1:

- the trivial view, GET /robots.txt: the whole middleware stack and nothing else;
- four searches: text plus two facets, no filter, theme plus region, text on page 3.

wrk asks the same address again and again: after the first request a search's counts come
from the cache (entraide.selectors.directory_counts) until a group changes, as for a search
many visitors make. What the first visitor after a change pays, the counts made afresh, is
printed beside it: the server time of the view through Django's test client, median of
COLD_RUNS, with the counts forgotten before each, and beside it the same with the counts kept
(what rendering the page and reading it cost). Also printed: the number of SQL queries of
one request, counts made and counts kept, each search's share of the trivial view's requests
per second (aim: 25 % at 10,000 groups) and how its cost per request grows from 10,000 to
100,000 groups (aim: at most twice), and the load average. Needs wrk (apt-get install wrk).
"""

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_thread import Server, environment, postgres_admin, wrk

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(size) for size in os.environ.get("BENCH_DIRECTORY_SIZES", "10000,100000").split(",")]
THEMES = 30
DURATION = int(os.environ.get("BENCH_DIRECTORY_DURATION", "10"))
WARM_UP = 2
COLD_RUNS = 5
TRIVIAL = ("trivial view", "/robots.txt")
SEARCHES = [
    ("text + 2 facets", "/groups/?q=deuil&language=fr&format=online"),
    ("no filter", "/groups/"),
    ("theme + region", "/groups/?theme=grief&region=vd"),
    ("text, page 3", "/groups/?q=groupe&page=3"),
]
AIM_SHARE = 0.25
AIM_GROWTH = 2.0
POSTGRES_URL = os.environ.get("BENCH_DIRECTORY_POSTGRES_URL",
                              "postgres://postgres@127.0.0.1:5432/entraide_bench_dir")


# --- Building the data (child process, --build N) ----------------------------------------------

def build_groups(count: int) -> None:
    from django.db import transaction

    from entraide.models import (
        Audience, Group, GroupFormat, GroupKind, GroupLanguage, Region, Rhythm, Theme, User, Visibility,
    )
    from entraide.services.groups import build_search_text

    rng = random.Random(42)
    themes = list(Theme.objects.order_by("is_rare", "code"))
    chosen = [theme for theme in themes if theme.code == "grief"]
    chosen += [theme for theme in themes if theme.code != "grief"][: THEMES - 1]
    regions = list(Region.objects.all())
    words = ["soutien", "rencontre", "partage", "écoute", "ensemble", "entraide", "parole", "chemin"]
    with transaction.atomic():
        creator = User.objects.create_user("bench@example.org", "Banc", None)
        for start in range(0, count, 10_000):
            groups, group_themes = [], []
            for number in range(start, min(start + 10_000, count)):
                group_themes.append(rng.sample(chosen, rng.choice((1, 1, 2))))
                name = f"{group_themes[-1][0].name_fr} · {rng.choice(words)} {number}"
                description = f"Groupe d'{rng.choice(words)} et de {rng.choice(words)} pour {name}."
                group = Group(
                    name=name, slug=f"groupe-{number}", description=description,
                    description_html=f"<p>{description}</p>", charter="- Confidentialité",
                    charter_html="<ul><li>Confidentialité</li></ul>", kind=rng.choice(GroupKind.values),
                    audience=rng.choice(Audience.values), format=rng.choice(GroupFormat.values),
                    rhythm=rng.choice(Rhythm.values), region=rng.choice(regions), visibility=Visibility.LISTED,
                    created_by=creator, member_count=rng.randint(1, 40),
                )
                # The search text as the services write it; the full-text index follows it.
                group.search_text = build_search_text(group, group_themes[-1])
                groups.append(group)
            Group.objects.bulk_create(groups, batch_size=1000)
            Group.themes.through.objects.bulk_create(
                [Group.themes.through(group_id=group.pk, theme_id=theme.pk)
                 for group, themes_of in zip(groups, group_themes) for theme in themes_of],
                batch_size=2000,
            )
            GroupLanguage.objects.bulk_create(
                [GroupLanguage(group_id=group.pk, code=code)
                 for group in groups for code in rng.sample(["fr", "de", "it", "en"], rng.choice((1, 1, 2)))],
                batch_size=2000,
            )


def build(count: int) -> None:
    """Runs with the benchmark's settings; prints the query counts and cold times as JSON."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from entraide.selectors.directory_counts import forget_unfiltered_counts

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build_groups(count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built_in = time.perf_counter() - started
    client = Client(HTTP_HOST="127.0.0.1")
    facts = {}
    for label, url in SEARCHES:
        cold = []
        for _ in range(COLD_RUNS + 1):
            forget_unfiltered_counts()
            began = time.perf_counter()
            assert client.get(url).status_code == 200
            cold.append((time.perf_counter() - began) * 1000)
        # Counted by a wrapper: Django empties connection.queries when a request starts.
        made, kept = [], []
        forget_unfiltered_counts()
        with connection.execute_wrapper(lambda execute, *args: made.append(args[0]) or execute(*args)):
            client.get(url)
        with connection.execute_wrapper(lambda execute, *args: kept.append(args[0]) or execute(*args)):
            response = client.get(url)
        assert response.status_code == 200
        warm = []
        for _ in range(COLD_RUNS):
            began = time.perf_counter()
            client.get(url)
            warm.append((time.perf_counter() - began) * 1000)
        facts[label] = {"cold_ms": statistics.median(cold[1:]), "warm_ms": statistics.median(warm),
                        "queries_cold": len(made), "queries_kept": len(kept)}
    print(json.dumps({"built_in": built_in, "searches": facts}))


# --- Measuring (parent) ------------------------------------------------------------------------

def measure(env: dict, database: str, count: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--build", str(count)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"building the data failed:\n{done.stderr}")
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{database}: {count} groups built in {facts['built_in']:.0f} s", flush=True)
    results = {}
    with Server(env, TRIVIAL[1]) as server:
        for label, path in [TRIVIAL, *SEARCHES]:
            wrk(server.port, path, {}, WARM_UP)
            results[label] = {**wrk(server.port, path, {}, DURATION), **facts["searches"].get(label, {})}
    return results


def report(database: str, count: int, results: dict, smaller: dict | None) -> list[str]:
    misses = []
    trivial = results[TRIVIAL[0]]["rps"]
    print(f"\n{database}, {count} groups   (load average {' '.join(f'{v:.1f}' for v in os.getloadavg())})")
    print(f"{'page':<18} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'share':>6} {'growth':>7} "
          f"{'queries':>8} {'cold ms':>8} {'kept ms':>8}")
    for label, result in results.items():
        share = result["rps"] / trivial
        growth = smaller[label]["rps"] / result["rps"] if smaller else None
        queries = f"{result['queries_cold']}/{result['queries_kept']}" if "queries_cold" in result else ""
        cold = f"{result['cold_ms']:.1f}" if "cold_ms" in result else ""
        warm = f"{result['warm_ms']:.1f}" if "warm_ms" in result else ""
        print(f"{label:<18} {result['rps']:>8.1f} {result['p50']:>8.2f} {result['p99']:>8.2f} {share:>6.0%} "
              f"{f'{growth:.2f}x' if growth else '':>7} {queries:>8} {cold:>8} {warm:>8}"
              + (f"  failed: {result['failed']}" if result["failed"] else ""))
        if label == TRIVIAL[0]:
            continue
        if smaller is None and share < AIM_SHARE:
            misses.append(f"{database} {count}: {label} at {share:.0%} of the trivial view")
        if growth and growth > AIM_GROWTH:
            misses.append(f"{database} {SIZES[0]}->{count}: {label} costs {growth:.2f}x")
    return misses


def run_database(database: str, make_env, drop) -> list[str]:
    misses, smaller = [], None
    for count in SIZES:
        env = make_env()
        try:
            results = measure(env, database, count)
        finally:
            drop()
        misses += report(database, count, results, smaller)
        smaller = smaller or results
    return misses


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install -y wrk", file=sys.stderr)
        return 1
    print(f"one gunicorn sync worker; wrk -c4 -d{DURATION}s --latency; searches as a visitor; "
          f"queries: counts made/kept; cold: server time with the counts made afresh; "
          f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())}", flush=True)
    misses = []
    workdir = Path(tempfile.mkdtemp(prefix="entraide-bench-directory-"))
    sqlite_file = workdir / "bench.sqlite3"
    try:
        misses += run_database("SQLite", lambda: environment(f"sqlite:///{sqlite_file}"),
                               lambda: [path.unlink() for path in workdir.glob("bench.sqlite3*")])
        try:
            admin, database = postgres_admin(POSTGRES_URL)
        except Exception as error:  # any failure to connect means: no PostgreSQL here
            print(f"PostgreSQL skipped: cannot reach {POSTGRES_URL} ({error.__class__.__name__}).")
        else:
            with admin:
                def fresh():
                    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                    admin.execute(f'CREATE DATABASE "{database}"')
                    return environment(POSTGRES_URL)

                misses += run_database("PostgreSQL", fresh,
                                       lambda: admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    for miss in misses:
        print(f"below the aim: {miss}")
    print("every aim met" if not misses else f"{len(misses)} aims missed")
    print(f"load average after: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--build":
        sys.path.insert(0, str(ROOT))
        build(int(sys.argv[2]))
    else:
        sys.exit(main())
