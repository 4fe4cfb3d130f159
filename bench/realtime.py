"""The group chat under load, beside a bare Channels broadcast, on Daphne and on uvicorn.

    .venv/bin/python bench/realtime.py                     # everything (about ten minutes)
    .venv/bin/python bench/realtime.py --clients 100 --servers daphne --processes 1

One group with 100 and one with 500 connected members (bench/realtime_world.py), each socket
signed in with its own session, on the Redis channel layer (BENCH_REDIS_URL, default
redis://127.0.0.1:6379/7, keys under the prefix "bench") and PostgreSQL (BENCH_POSTGRES_URL,
default postgres://postgres@127.0.0.1:5432/entraide_bench, created and dropped here), with one
and with two server processes: Daphne as production runs it (entraide/serving.py), and uvicorn
with its `websockets` implementation. Beside the chat, in the same run and on the same layer,
the bare broadcast consumer (bench/bare_broadcast.py: no database, no checks).

For each case, the servers are started afresh; the sockets connect (spread over the processes)
and the servers' memory per idle socket is the growth of their RSS divided by the sockets. Then
20 sender sockets send the group messages at a steady rate, for STEP_SECONDS, at 2 messages a
second and then twice as many each step, until a step no longer sustains its rate (a message
not delivered to every socket, or a p99 over a second: the servers fall behind); then
REFINE_STEPS steps halve the gap between the last rate sustained and the first that was not. The aim (every
message delivered, p99 under 150 ms) is judged at 2 messages a second. Each step prints the percentage delivered, deliveries per
second, p50 and p99 from send to receipt, and the CPU the servers and the clients used: the
clients run in CLIENT_PROCESSES processes of their own, and their CPU shows whether they, not
the servers, were the limit. The chat's flood limit per member is lifted (bench/realtime_asgi.py).
"""

import argparse
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import realtime_clients  # noqa: E402
from entraide.serving import WEBSOCKET_MAX_MESSAGE_BYTES, daphne_command  # noqa: E402

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/entraide_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
REDIS_PREFIX = "bench"
MEMBERS, SMALL_GROUP = 500, 100
SENDERS = 20
CLIENT_PROCESSES = 2
STEP_SECONDS = 3
FIRST_RATE = 2
MAX_RATE = 1024
# Steps spent narrowing the sustained rate down once doubling has overshot it.
REFINE_STEPS = 3
AIM_P99_MS = 150
# A step sustains its rate when every message reaches every socket and the p99 stays under this:
# beyond it the servers are falling behind, whatever the machine's other load adds.
SUSTAINED_P99_MS = 1000
APPS = {"chat": "bench.realtime_asgi:application", "bare": "bench.bare_broadcast:application"}


def environment() -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "REDIS_PREFIX", "DJANGO_SETTINGS_MODULE", "RELEASE"}}
    env.update(
        DATABASE_URL=POSTGRES_URL, REDIS_URL=REDIS_URL, REDIS_PREFIX=REDIS_PREFIX,
        SECRET_KEY="benchmark-only-secret-key-0123456789-0123456789-0123456789",
        ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", ENTRAIDE_PLAIN_STATIC="1", LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="entraide.settings", PYTHONPATH=str(ROOT),
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(kind: str, app: str, port: int) -> list[str]:
    if kind == "daphne":
        return daphne_command("127.0.0.1", port, application=APPS[app], extra=("-v", "0"))
    return [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port), "--ws", "websockets",
            "--ws-max-size", str(WEBSOCKET_MAX_MESSAGE_BYTES), "--lifespan", "off", "--log-level", "warning",
            "--no-access-log", APPS[app]]


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Servers:
    def __init__(self, kind: str, app: str, count: int, env: dict):
        self.kind, self.ports = kind, [free_port() for _ in range(count)]
        self.log = tempfile.TemporaryFile("w+")
        self.processes = [subprocess.Popen(server_command(kind, app, port), cwd=ROOT, env=env, stdout=self.log,
                                           stderr=subprocess.STDOUT, start_new_session=True)
                          for port in self.ports]
        for port, process in zip(self.ports, self.processes):
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"{kind} stopped:\n{self.logged()}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{kind} did not listen on {port} within 60 s") from None
                    time.sleep(0.1)

    def logged(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def rss(self) -> int:
        return sum(rss_bytes(process.pid) for process in self.processes)

    def cpu(self) -> float:
        return sum(cpu_seconds(process.pid) for process in self.processes)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        logged = self.logged()
        if "Traceback" in logged:
            kept = Path(tempfile.gettempdir()) / f"entraide-bench-{self.kind}-{len(self.ports)}.log"
            kept.write_text(logged)
            print(f"    the servers logged {logged.count('Traceback')} tracebacks: {kept}", flush=True)
        self.log.close()


class Clients:
    """CLIENT_PROCESSES worker processes, each holding every CLIENT_PROCESSES-th socket."""

    def __init__(self):
        context = multiprocessing.get_context("spawn")
        self.pipes, self.processes = [], []
        for _ in range(CLIENT_PROCESSES):
            parent, child = context.Pipe()
            process = context.Process(target=realtime_clients.serve, args=(child,), daemon=True)
            process.start()
            self.pipes.append(parent)
            self.processes.append(process)

    def ask(self, command: str, per_worker: list[dict]) -> list[dict]:
        for pipe, arguments in zip(self.pipes, per_worker):
            pipe.send((command, arguments))
        answers = [pipe.recv() for pipe in self.pipes]
        failed = [answer["failed"] for answer in answers if "failed" in answer]
        if failed:
            raise RuntimeError(f"{command} failed in a client process: {failed[0]}")
        return answers

    def stop(self) -> None:
        for pipe in self.pipes:
            pipe.send(("stop", {}))
        for process in self.processes:
            process.join(timeout=10)


def targets(app: str, ports: list[int], world: dict, clients: int) -> list[dict]:
    path = f"/ws/groups/{world['groups'][str(clients)]}/chat/" if app == "chat" else "/ws/bare/"
    return [{"url": f"ws://127.0.0.1:{ports[index % len(ports)]}{path}", "origin": f"http://127.0.0.1:{ports[0]}",
             "cookie": world["cookies"][index] if app == "chat" else ""} for index in range(clients)]


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure_case(kind: str, app: str, processes: int, clients: int, world: dict, env: dict, pool: Clients) -> dict:
    servers = Servers(kind, app, processes, env)
    try:
        every = targets(app, servers.ports, world, clients)
        # One socket per process first: what the first socket loads is not what a socket costs.
        warm = [every[index] for index in range(processes)]
        pool.ask("connect", [{"targets": warm[index::CLIENT_PROCESSES]} for index in range(CLIENT_PROCESSES)])
        pool.ask("close", [{}] * CLIENT_PROCESSES)
        rss_before = servers.rss()
        connected = pool.ask("connect", [{"targets": every[index::CLIENT_PROCESSES]}
                                         for index in range(CLIENT_PROCESSES)])
        per_socket_kb = (servers.rss() - rss_before) / clients / 1024
        print(f"  {kind} x{processes}, {app}, {clients} sockets: connected in "
              f"{max(answer['seconds'] for answer in connected):.1f} s (quiet after "
              f"{max(answer['settled'] for answer in connected):.1f} s), {per_socket_kb:.0f} KB per idle socket",
              flush=True)
        steps = []

        def step_at(rate: int) -> dict:
            step = run_step(pool, servers, app, rate, clients, tag=f"s{len(steps)}")
            steps.append(step)
            print(f"    {rate:>5} msg/s: {step['delivered_pct']:6.2f} % delivered, {step['deliveries_per_s']:8.0f} "
                  f"deliveries/s, p50 {step['p50_ms']:6.1f} ms, p99 {step['p99_ms']:7.1f} ms, server CPU "
                  f"{step['server_cpu_pct']:3.0f} %, clients CPU {step['client_cpu_pct']:3.0f} %"
                  f"{', errors ' + json.dumps(step['errors']) if step['errors'] else ''}"
                  f"{', sockets lost ' + str(step['sockets_lost']) if step['sockets_lost'] else ''}", flush=True)
            return step

        rate = FIRST_RATE
        while rate <= MAX_RATE and step_at(rate)["ok"]:
            rate *= 2
        # Between the last rate sustained and the first that was not, halve the gap a few times:
        # doubling alone would read anything from 50 % to 100 % of a rate as "one step lower".
        low, high = rate // 2, rate
        for _ in range(REFINE_STEPS if FIRST_RATE <= low < high <= MAX_RATE else 0):
            middle = (low + high) // 2
            if middle in (low, high):
                break
            if step_at(middle)["ok"]:
                low = middle
            else:
                high = middle
        pool.ask("close", [{}] * CLIENT_PROCESSES)
        sustained = max((step for step in steps if step["ok"]), key=lambda step: step["rate"], default=None)
        return {"kind": kind, "app": app, "processes": processes, "clients": clients, "per_socket_kb": per_socket_kb,
                "steps": steps, "sustained": sustained}
    finally:
        servers.stop()


def run_step(pool: Clients, servers: Servers, app: str, rate: int, clients: int, *, tag: str) -> dict:
    # Sender g is socket g: spread over the client processes (socket i is in process i % P,
    # at index i // P there) and over the servers.
    senders = [{"total": SENDERS, "here": {str(g): g // CLIENT_PROCESSES for g in range(SENDERS)
                                           if g % CLIENT_PROCESSES == worker}}
               for worker in range(CLIENT_PROCESSES)]
    start_at = time.time() + 0.3
    cpu_before, started = servers.cpu(), time.monotonic()
    answers = pool.ask("run_step", [{"step": tag, "rate": rate, "seconds": STEP_SECONDS, "start_at": start_at,
                                     "senders": senders[worker], "acks": app == "chat"} for worker in range(CLIENT_PROCESSES)])
    elapsed = time.monotonic() - started
    stored = sum(answer["acked"] if app == "chat" else answer["sent"] for answer in answers)
    latencies_ms = [value / 1000 for answer in answers for value in answer["latencies_us"]]
    errors = {}
    for answer in answers:
        for code, count in answer["errors"].items():
            errors[code] = errors.get(code, 0) + count
    expected = stored * clients
    delivered_pct = 100.0 * len(latencies_ms) / expected if expected else 0.0
    p99 = percentile(latencies_ms, 0.99)
    return {
        "rate": rate, "stored": stored, "sent": sum(answer["sent"] for answer in answers), "errors": errors,
        "delivered_pct": delivered_pct, "deliveries_per_s": len(latencies_ms) / STEP_SECONDS,
        "p50_ms": statistics.median(latencies_ms) if latencies_ms else float("nan"), "p99_ms": p99,
        "server_cpu_pct": 100 * (servers.cpu() - cpu_before) / elapsed,
        "client_cpu_pct": 100 * sum(answer["cpu_seconds"] for answer in answers) / elapsed,
        "sockets_lost": sum(len(answer["lost"]) for answer in answers),
        "aim_met": expected > 0 and len(latencies_ms) == expected and p99 < AIM_P99_MS and not errors,
        "ok": expected > 0 and len(latencies_ms) == expected and p99 < SUSTAINED_P99_MS and not errors,
    }


def postgres_admin(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True), parts.path.lstrip("/")


def clear_redis() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{REDIS_PREFIX}*", count=1000):
        client.delete(key)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="100,500")
    parser.add_argument("--servers", default="daphne,uvicorn")
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--apps", default="chat,bare")
    parser.add_argument("--json", help="also write every figure to this file")
    options = parser.parse_args(argv[1:])
    env = environment()
    admin, database = postgres_admin(POSTGRES_URL)
    admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
    admin.execute(f'CREATE DATABASE "{database}"')
    clear_redis()
    pool = None
    try:
        built = subprocess.run([sys.executable, str(ROOT / "bench" / "realtime_world.py"), str(MEMBERS),
                                str(SMALL_GROUP)], cwd=ROOT, env=env, capture_output=True, text=True)
        if built.returncode != 0:
            raise RuntimeError(f"building the data failed:\n{built.stderr}")
        world = json.loads(built.stdout.strip().splitlines()[-1])
        pool = Clients()
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; {STEP_SECONDS} s a step, "
              f"{SENDERS} senders, {CLIENT_PROCESSES} client processes", flush=True)
        results = []
        for clients in [int(value) for value in options.clients.split(",")]:
            for kind in options.servers.split(","):
                for processes in [int(value) for value in options.processes.split(",")]:
                    for app in options.apps.split(","):
                        results.append(measure_case(kind, app, processes, clients, world, env, pool))
        summarise(results)
        if options.json:
            Path(options.json).write_text(json.dumps(results, indent=1))
        return 0
    finally:
        if pool is not None:
            pool.stop()
        clear_redis()
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()


def summarise(results: list[dict]) -> None:
    print(f"\nsustained (highest step with 100 % delivered and p99 under {SUSTAINED_P99_MS} ms); "
          f"aim: 100 % and p99 under {AIM_P99_MS} ms at {FIRST_RATE} msg/s:")
    by_case = {(result["kind"], result["processes"], result["clients"], result["app"]): result for result in results}
    for (kind, processes, clients, app), result in by_case.items():
        best = result["sustained"]
        figure = (f"{best['rate']:>4} msg/s, {best['deliveries_per_s']:7.0f} deliveries/s, p99 {best['p99_ms']:5.1f} ms"
                  if best else "not even the first step")
        first = result["steps"][0]
        line = (f"  {kind:<7} x{processes} {clients:>3} sockets {app:<4}: {figure}; {result['per_socket_kb']:.0f} "
                f"KB/socket; at {first['rate']} msg/s p99 {first['p99_ms']:.0f} ms, aim "
                f"{'met' if first['aim_met'] else 'missed'}")
        bare = by_case.get((kind, processes, clients, "bare"))
        if app == "chat" and best and bare and bare["sustained"]:
            line += f"; chat/bare {best['deliveries_per_s'] / bare['sustained']['deliveries_per_s']:.0%}"
        daphne = by_case.get(("daphne", processes, clients, app))
        if kind == "uvicorn" and best and daphne and daphne["sustained"]:
            line += f"; uvicorn/daphne {best['deliveries_per_s'] / daphne['sustained']['deliveries_per_s']:.0%}"
        print(line)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
