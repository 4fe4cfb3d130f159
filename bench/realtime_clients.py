"""The clients of the real-time benchmark: one process holding a share of the sockets, driven
by bench/realtime.py through a pipe. Speaks to the chat (and to the bare broadcast) only through
the documented frames: `hello` on connect, `send`, `ack`, `message`.

A message's client_id carries the step it belongs to and the moment it was sent (microseconds
of the machine's clock, the same for every process here), so that each socket measures the
latency of every message it receives without asking anyone."""

import asyncio
import json
import time
from collections import Counter

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

BODY = ("Merci pour vos messages de ce soir, ils m'ont aidée à passer le cap. "
        "Je relis vos conseils et je vais marcher demain matin.")
CONNECTING_AT_ONCE = 50
QUIET_SECONDS = 1.0
DRAIN_MAX_SECONDS = 4


class Socket:
    def __init__(self, connection, worker: "Worker"):
        self.connection, self.worker = connection, worker

    async def listen(self) -> None:
        worker = self.worker
        try:
            async for raw in self.connection:
                worker.last_frame = time.monotonic()
                # Compact JSON with "type" first: the prefix says what a frame is.
                if raw.startswith('{"type":"message"'):
                    client_id = json.loads(raw)["client_id"]
                    step, _sender, _number, sent_us = client_id.split("-")
                    if step == worker.step:
                        worker.latencies_us.append(time.time_ns() // 1000 - int(sent_us))
                        worker.last_received = time.monotonic()
                elif raw.startswith('{"type":"ack"'):
                    worker.acked += 1
                elif raw.startswith('{"type":"error"'):
                    worker.errors[json.loads(raw)["code"]] += 1
        except Exception as error:  # a socket lost mid-run is counted, not fatal
            worker.lost.append(repr(error))


class Worker:
    def __init__(self):
        self.sockets: list[Socket] = []
        self.step, self.acked, self.errors, self.lost = "", 0, Counter(), []
        self.latencies_us: list[int] = []
        self.last_received = self.last_frame = 0.0
        self.listeners = []

    async def connect(self, targets: list[dict]) -> dict:
        """targets: {"url", "cookie", "origin"} per socket; waits for each socket's hello."""
        gate = asyncio.Semaphore(CONNECTING_AT_ONCE)

        async def one(target):
            async with gate:
                headers = {"Cookie": target["cookie"]} if target.get("cookie") else {}
                connection = await connect(target["url"], origin=target["origin"], additional_headers=headers,
                                           open_timeout=60, max_queue=None, ping_interval=None,
                                           compression=None)
                hello = json.loads(await connection.recv())
                assert hello["type"] == "hello", hello
                return Socket(connection, self)

        started = time.perf_counter()
        self.sockets = list(await asyncio.gather(*(one(target) for target in targets)))
        self.listeners = [asyncio.create_task(socket.listen()) for socket in self.sockets]
        connected = time.perf_counter() - started
        # What the sockets' arrival sets off (the chat's presence frames) is over before a step.
        self.last_frame = time.monotonic()
        while time.monotonic() - self.last_frame < QUIET_SECONDS * 2:
            await asyncio.sleep(0.05)
        return {"seconds": connected, "settled": time.perf_counter() - started}

    async def run_step(self, *, step: str, rate: float, seconds: float, start_at: float, senders: dict,
                       acks: bool) -> dict:
        """Send message k of the whole group at start_at + k/rate, by sender k % total, for the
        senders held here ({global sender index: index of the socket here}); then wait until every
        send is acknowledged (with `acks`) and the sockets are quiet."""
        self.step, self.acked, self.errors, self.latencies_us = step, 0, Counter(), []
        total_senders, count = senders["total"], int(rate * seconds)
        mine = {int(index): local for index, local in senders["here"].items()}
        cpu_before = time.process_time()
        sent = 0
        for number in range(count):
            if number % total_senders not in mine:
                continue
            delay = start_at + number / rate - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            socket = self.sockets[mine[number % total_senders]]
            client_id = f"{step}-{number % total_senders}-{number}-{time.time_ns() // 1000}"
            try:
                await socket.connection.send(json.dumps({"type": "send", "body": BODY, "client_id": client_id}))
            except ConnectionClosed:
                continue  # the socket is counted as lost by its listener
            sent += 1
        await asyncio.sleep(max(0.0, start_at + seconds - time.time()))
        self.last_received = time.monotonic()
        drain_until = time.monotonic() + DRAIN_MAX_SECONDS
        while time.monotonic() < drain_until and (
                time.monotonic() - self.last_received < QUIET_SECONDS or (acks and self.acked + sum(
                    self.errors.values()) < sent)):
            await asyncio.sleep(0.05)
        return {"sent": sent, "acked": self.acked, "errors": dict(self.errors), "latencies_us": self.latencies_us,
                "cpu_seconds": time.process_time() - cpu_before, "lost": list(self.lost)}

    async def close(self) -> dict:
        for listener in self.listeners:
            listener.cancel()
        await asyncio.gather(*(socket.connection.close() for socket in self.sockets), return_exceptions=True)
        return {}


def serve(pipe) -> None:
    """The worker process's loop: (command, keyword arguments) in, a dict out."""
    loop = asyncio.new_event_loop()
    worker = Worker()
    while True:
        command, arguments = pipe.recv()
        if command == "stop":
            return
        try:
            pipe.send(loop.run_until_complete(getattr(worker, command)(**arguments)))
        except Exception as error:
            pipe.send({"failed": repr(error)})
        if command == "close":
            worker = Worker()
