"""Several server processes on one Redis, as in production: real Daphne processes started here
with the production ASGI application, on a migrated PostgreSQL database (DATABASE_URL) and Redis
(REDIS_URL), and clients that speak to the chat socket only through its documented frames.

A message sent on one process reaches the other; concurrent senders on both get unique,
gap-free seqs; a client whose process is killed resumes on the other with every message once;
a process that stopped reading for a while misses nothing once it reads again and its client
resumes; and Daphne refuses a frame over its size limit, closing that socket alone."""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from websockets.asyncio.client import connect

from entraide.serving import WEBSOCKET_MAX_MESSAGE_BYTES, daphne_command

pytestmark = [pytest.mark.services, pytest.mark.asyncio]

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 30
# Frames about who is here or typing: beside the point of these tests.
CHATTER = {"presence", "typing"}

WORLD = """
import json, uuid
from datetime import timedelta
from importlib import import_module
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
from entraide.models import Region, Theme, User
from entraide.services.groups import group_create, group_join

run = uuid.uuid4().hex[:8]
members = []
for index in range(%(members)d):
    user = User.objects.create_user(f"serve-{run}-{index}@example.org", f"Serve {run} {index}", None)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    members.append(user)
# Members of some standing: the flood limits of a day-old account are not what is tested here.
User.objects.filter(pk__in=[user.pk for user in members]).update(date_joined=timezone.now() - timedelta(days=30))
group = group_create(actor=members[0], name=f"Entraide {run}", themes=[Theme.objects.get(code="grief")],
                     languages=["fr"], region=Region.objects.get(code="online"), description="Un groupe de test.")
for user in members[1:]:
    group_join(actor=user, group=group, charter_version_accepted=group.charter_version)
cookies = []
for user in members:
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
print(json.dumps({"slug": group.slug, "cookies": cookies}))
"""


def server_environment(database_url: str, **variables) -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "ENTRAIDE_REQUIRE_SERVICES"}}
    env.update(
        DATABASE_URL=database_url, REDIS_URL=os.environ["REDIS_URL"],
        REDIS_PREFIX=f"{os.environ.get('REDIS_PREFIX', 'entraide')}-processes-{uuid.uuid4().hex[:8]}",
        SECRET_KEY="processes-only-secret-key-0123456789-0123456789-0123456789",
        ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", ENTRAIDE_PLAIN_STATIC="1", LOG_LEVEL="WARNING",
        ENTRAIDE_FAST_PASSWORDS="1", PYTHONUNBUFFERED="1", **variables,
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One Daphne process serving entraide.asgi, started as production starts it."""

    def __init__(self, env: dict, log_dir: Path):
        self.port = free_port()
        self.log_path = log_dir / f"daphne-{self.port}.log"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(daphne_command("127.0.0.1", self.port), cwd=ROOT, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_healthy(self) -> "Server":
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_path.read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"Daphne on {self.port} did not answer /healthz:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def servers(env: dict, log_dir: Path, count: int) -> list[Server]:
    started = [Server(env, log_dir) for _ in range(count)]
    return [server.wait_healthy() for server in started]


@pytest.fixture(scope="module")
def database_url():
    """A database of the processes' own, beside the configured one, made and dropped here: the
    servers migrate and write it as production would, so it is never the developer's."""
    configured = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = f"{configured.path.strip('/') or 'entraide'}_processes_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    admin = configured._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield configured._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def env(database_url):
    return server_environment(database_url)


@pytest.fixture(scope="module")
def world(env):
    manage = [sys.executable, "manage.py"]
    migrated = subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    built = subprocess.run([*manage, "shell", "-c", WORLD % {"members": MEMBERS}], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return json.loads(built.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def pair(env, world, tmp_path_factory):
    started = servers(env, tmp_path_factory.mktemp("daphne"), 2)
    yield started
    for server in started:
        server.stop()


class ChatClient:
    """One member's socket on one process, and the frames it has received."""

    def __init__(self, socket, hello: dict):
        self.socket, self.hello = socket, hello

    async def frame(self, *types: str, timeout: float = 15) -> dict:
        """The next frame of one of `types`, any other frame being a failure (presence and typing
        hints aside)."""
        while True:
            frame = json.loads(await asyncio.wait_for(self.socket.recv(), timeout))
            if frame["type"] in CHATTER:
                continue
            assert frame["type"] in types, frame
            return frame

    async def send(self, body: str) -> dict:
        client_id = uuid.uuid4().hex
        await self.socket.send(json.dumps({"type": "send", "body": body, "client_id": client_id}))
        return {"client_id": client_id}

    async def messages(self, count: int) -> list[dict]:
        return [await self.frame("message") for _ in range(count)]


async def chat(server: Server, world: dict, member: int) -> ChatClient:
    socket = await connect(f"ws://127.0.0.1:{server.port}/ws/groups/{world['slug']}/chat/",
                           origin=f"http://127.0.0.1:{server.port}",
                           additional_headers={"Cookie": world["cookies"][member]}, open_timeout=15,
                           # Frames left unread (others' messages) must not stop the closing handshake.
                           max_queue=None)
    client = ChatClient(socket, {})
    client.hello = await client.frame("hello")
    return client


async def send_and_ack(client: ChatClient, body: str) -> dict:
    """Send, then read up to the ack and the message frame the sender gets like everyone else
    (others' messages in between are passed over)."""
    sent = await client.send(body)
    ack = own = None
    while ack is None or own is None:
        frame = await client.frame("ack", "message")
        if frame["client_id"] == sent["client_id"]:
            ack, own = (frame, own) if frame["type"] == "ack" else (ack, frame)
    assert not ack["duplicate"] and own["seq"] == ack["seq"]
    return ack


async def test_a_client_on_each_process_reads_what_the_other_writes(pair, world):
    first, second = await chat(pair[0], world, 0), await chat(pair[1], world, 1)

    ack = await send_and_ack(first, "Bonjour depuis le premier serveur")
    heard = (await second.messages(1))[0]
    reply = await send_and_ack(second, "Bien reçu sur le second")
    answered = (await first.messages(1))[0]

    assert heard["seq"] == ack["seq"] and "Bonjour depuis le premier serveur" in heard["body_html"]
    assert answered["seq"] == reply["seq"] == ack["seq"] + 1
    assert "Bien reçu sur le second" in answered["body_html"]
    for client in (first, second):
        await client.socket.close()


async def test_twenty_concurrent_senders_over_both_processes_get_unique_gap_free_seqs(pair, world):
    listeners = [await chat(server, world, 20 + index) for index, server in enumerate(pair)]
    senders = [await chat(pair[index % 2], world, index) for index in range(20)]
    start = listeners[0].hello["last_seq"]

    async def three_messages(sender: ChatClient, index: int) -> list[int]:
        acks = []
        for number in range(3):
            sent = await sender.send(f"Message {number} de {index}")
            while True:
                frame = await sender.frame("ack", "message")
                if frame["type"] == "ack" and frame["client_id"] == sent["client_id"]:
                    acks.append(frame["seq"])
                    break
        return acks

    seqs = [seq for acks in await asyncio.gather(*(three_messages(sender, index) for index, sender in
                                                   enumerate(senders))) for seq in acks]

    assert sorted(seqs) == list(range(start + 1, start + 61))
    for listener in listeners:
        # Each process delivers all sixty, once each. Two sends that commit a moment apart may
        # reach Redis the other way round, so live order is not seq order: the client places a
        # message by its seq and resumes from the last one it holds in order when it sees a gap.
        assert sorted(frame["seq"] for frame in await listener.messages(60)) == list(range(start + 1, start + 61))
    for client in listeners + senders:
        await client.socket.close()


async def test_a_client_whose_process_is_killed_resumes_on_the_other_with_every_message_once(
        pair, world, env, tmp_path):
    doomed = servers(env, tmp_path, 1)[0]
    try:
        sender, reader = await chat(pair[0], world, 2), await chat(doomed, world, 3)
        before = [await send_and_ack(sender, f"Avant {number}") for number in range(5)]
        seen = [frame["seq"] for frame in await reader.messages(5)]
        assert seen == [ack["seq"] for ack in before]

        doomed.process.send_signal(signal.SIGKILL)
        doomed.process.wait(timeout=10)
        while_away = [await send_and_ack(sender, f"Pendant {number}") for number in range(5)]
        await asyncio.wait_for(reader.socket.wait_closed(), 15)

        reader = await chat(pair[1], world, 3)
        await reader.socket.send(json.dumps({"type": "resume", "after": seen[-1]}))
        seen += [frame["seq"] for frame in await reader.messages(5)]
        resumed = await reader.frame("resumed")
        after = await send_and_ack(sender, "Après")
        seen.append((await reader.messages(1))[0]["seq"])

        assert resumed["last_seq"] == while_away[-1]["seq"]
        assert seen == [ack["seq"] for ack in before + while_away + [after]]
        assert seen == list(range(seen[0], seen[0] + 11))
        # Nothing more comes: every message arrived once.
        with pytest.raises(asyncio.TimeoutError):
            await reader.frame("message", timeout=1)
        for client in (sender, reader):
            await client.socket.close()
    finally:
        doomed.stop()


async def test_a_process_that_stopped_reading_misses_nothing_once_its_client_resumes(pair, world):
    # Stopped, the process hears nothing; Redis holds what was published to it for a while, and
    # what it no longer holds (a connection dropped, a restart) the client gets back by resuming.
    sending, slow = pair
    senders = [await chat(sending, world, 4 + index) for index in range(4)]
    reader = await chat(slow, world, 8)
    start = reader.hello["last_seq"]
    slow.process.send_signal(signal.SIGSTOP)
    try:
        acks = [await send_and_ack(sender, f"Pendant la pause {number}") for number in range(3)
                for sender in senders]
    finally:
        slow.process.send_signal(signal.SIGCONT)
    assert [ack["seq"] for ack in acks] == list(range(start + 1, start + 13))

    kept = await seqs_until_quiet(reader)
    # What was heard comes first, in order, each once.
    assert kept == list(range(start + 1, start + 1 + len(kept)))
    await reader.socket.send(json.dumps({"type": "resume", "after": kept[-1] if kept else start}))
    resumed = [frame["seq"] for frame in await reader.messages(12 - len(kept))]

    assert kept + resumed == list(range(start + 1, start + 13))
    assert (await reader.frame("resumed"))["last_seq"] == start + 12
    for client in (*senders, reader):
        await client.socket.close()


async def seqs_until_quiet(client: ChatClient) -> list[int]:
    """The seqs of the message frames that come until none has come for a second."""
    seqs = []
    while True:
        try:
            seqs.append((await client.frame("message", timeout=1))["seq"])
        except asyncio.TimeoutError:
            return seqs


async def test_daphne_closes_a_socket_that_sends_a_frame_over_its_limit_and_the_others_carry_on(pair, world):
    bystander, offender = await chat(pair[0], world, 9), await chat(pair[0], world, 10)

    # Under Daphne's limit but over the consumers': an error frame, the socket open.
    await offender.socket.send(json.dumps({"type": "send", "body": "é" * 20_000, "client_id": "long"},
                                          ensure_ascii=False))
    assert (await offender.frame("error"))["code"] == "too_long"
    await offender.socket.send("x" * (WEBSOCKET_MAX_MESSAGE_BYTES + 1))
    await asyncio.wait_for(offender.socket.wait_closed(), 15)
    listener = await chat(pair[0], world, 11)
    ack = await send_and_ack(bystander, "Toujours là")

    # Autobahn, under Daphne, fails the connection by dropping it: the client sees 1006 (1009,
    # "message too big", were it to send a closing frame first).
    assert offender.socket.close_code in {1006, 1009}
    assert (await listener.messages(1))[0]["seq"] == ack["seq"]
    for client in (bystander, listener):
        await client.socket.close()
