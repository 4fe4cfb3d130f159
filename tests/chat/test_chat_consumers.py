"""The group chat socket over channels.testing and the in-memory layer: close codes, a member
cut off the moment they are removed, error frames that leave the socket open, resume, one
message per client_id, hiding heard at once, presence and typing, members' mutes and blocks
followed live, and the queries of each handler pinned."""

import json

import pytest
from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client

from chat import consumers
from chat.models import BODY_MAX_LENGTH, ChatMessage
from chat.routing import websocket_urlpatterns
from chat.selectors import chat_entry, silences_of, still_member
from chat.services import chat_presence_hide_set, chat_slow_mode_set
from entraide.consumers import CLOSE_NOT_ALLOWED, CLOSE_NOT_FOUND, CLOSE_NOT_SIGNED_IN
from entraide.models import Group, Membership, Visibility
from moderation.services.content import content_hide, content_restore
from moderation.services.safety import member_block, member_mute, member_unblock, member_unmute
from tests.factories import UserFactory, join
from tests.moderation.builders import removed_from

from .builders import chat_group, muted_in_chat, said

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("sockets_gone_at_the_end")]

application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
in_db = database_sync_to_async


class Socket:
    """One browser's chat socket, signed in as `user` (or anonymous)."""

    def __init__(self, communicator):
        self.communicator = communicator

    @classmethod
    async def open(cls, slug, user=None):
        headers = [(b"origin", b"http://testserver")]
        if user is not None:
            client = Client()
            await in_db(client.force_login)(user)
            cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
            headers.append((b"cookie", cookies.encode()))
        communicator = WebsocketCommunicator(application, f"/ws/groups/{slug}/chat/", headers=headers)
        accepted, _subprotocol = await communicator.connect()
        assert accepted
        return cls(communicator)

    @classmethod
    async def joined(cls, group, user):
        """Open, and past the hello and the first presence frames."""
        socket = await cls.open(group.slug, user)
        hello = await socket.next()
        assert hello["type"] == "hello"
        if hello["presence"]:
            assert (await socket.next())["type"] == "presence"
        return socket

    async def next(self) -> dict:
        return json.loads(await self.communicator.receive_from(timeout=3))

    async def next_of(self, kind, *, past=("presence", "typing", "message")) -> dict:
        """The next frame of that type, past presence and typing hints and messages."""
        while True:
            frame = await self.next()
            if frame["type"] == kind:
                return frame
            assert frame["type"] in past, frame

    async def send(self, frame):
        await self.communicator.send_json_to(frame)

    async def close_code(self) -> int:
        while True:
            output = await self.communicator.receive_output(timeout=3)
            if output["type"] == "websocket.close":
                return output["code"]

    async def quiet(self) -> bool:
        return await self.communicator.receive_nothing(timeout=0.3)

    async def quiet_but(self, kind) -> bool:
        """Nothing but frames of that type comes."""
        while not await self.quiet():
            assert (await self.next())["type"] == kind
        return True

    async def leave(self):
        await self.communicator.disconnect()


async def a_chat():
    return await in_db(chat_group)()


# --- Close codes -----------------------------------------------------------------------------

async def test_an_anonymous_visitor_is_closed_with_4401():
    group, _founder, _member = await a_chat()
    assert await (await Socket.open(group.slug)).close_code() == CLOSE_NOT_SIGNED_IN


async def test_a_non_member_is_closed_with_4403():
    group, _founder, _member = await a_chat()
    stranger = await in_db(UserFactory)()
    assert await (await Socket.open(group.slug, stranger)).close_code() == CLOSE_NOT_ALLOWED


async def test_a_removed_member_is_closed_with_4403():
    group, _founder, member = await a_chat()
    await in_db(removed_from)(group, member)
    assert await (await Socket.open(group.slug, member)).close_code() == CLOSE_NOT_ALLOWED


async def test_no_such_group_and_an_unlisted_group_one_is_not_in_are_closed_with_4404():
    member = await in_db(UserFactory)()
    assert await (await Socket.open("nulle-part", member)).close_code() == CLOSE_NOT_FOUND
    group, _founder, _member = await in_db(chat_group)(visibility=Visibility.UNLISTED)
    assert await (await Socket.open(group.slug, member)).close_code() == CLOSE_NOT_FOUND


async def test_a_member_is_greeted_with_the_chats_state():
    group, founder, member = await a_chat()
    await in_db(said)(group, founder)
    await in_db(chat_slow_mode_set)(actor=founder, group=group, seconds=10)
    socket = await Socket.open(group.slug, member)
    assert await socket.next() == {"type": "hello", "last_seq": 1, "presence": True, "typing": True,
                                   "slow_mode_seconds": 10}
    await socket.leave()


async def test_a_member_removed_while_connected_is_cut_off_at_once_and_others_stay():
    group, founder, member = await a_chat()
    theirs, founders = await Socket.joined(group, member), await Socket.joined(group, founder)
    await in_db(removed_from)(group, member)
    assert await theirs.close_code() == CLOSE_NOT_ALLOWED
    await founders.send({"type": "send", "body": "Toujours là", "client_id": "still"})
    assert (await founders.next_of("ack"))["seq"] == 1
    await founders.leave()


async def test_a_member_who_leaves_is_closed_at_their_next_frame_whatever_the_cut():
    group, _founder, member = await a_chat()
    socket = await Socket.joined(group, member)
    # Gone without the hook that cuts sockets: the check before each frame still closes it.
    await in_db(Membership.objects.filter(group=group, user=member).delete)()
    await socket.send({"type": "typing"})
    assert await socket.close_code() == CLOSE_NOT_ALLOWED


async def test_a_member_who_leaves_and_then_sends_is_closed_and_nothing_is_stored():
    group, _founder, member = await a_chat()
    socket = await Socket.joined(group, member)
    # A send is checked by the service that stores it, not before: its refusal closes the socket.
    await in_db(Membership.objects.filter(group=group, user=member).delete)()
    await socket.send({"type": "send", "body": "Encore là ?", "client_id": "after-leaving"})
    assert await socket.close_code() == CLOSE_NOT_ALLOWED
    assert not await in_db(ChatMessage.objects.filter(group=group).exists)()


# --- Sending ---------------------------------------------------------------------------------

async def test_a_message_is_acknowledged_to_its_sender_and_reaches_everyone_once_stored():
    group, founder, member = await a_chat()
    sender, reader = await Socket.joined(group, member), await Socket.joined(group, founder)
    await sender.send({"type": "send", "body": "Bonsoir **tout le monde**", "client_id": "m-1"})
    assert await sender.next_of("ack") == {"type": "ack", "client_id": "m-1", "seq": 1, "duplicate": False}
    for socket in (sender, reader):
        frame = await socket.next_of("message")
        assert frame["seq"] == 1 and frame["client_id"] == "m-1"
        assert frame["author"] == {"id": member.pk, "pseudonym": member.pseudonym}
        assert "<strong>tout le monde</strong>" in frame["body_html"] and frame["created_at"].endswith("Z")
    await sender.leave(), await reader.leave()


async def test_the_same_client_id_sent_twice_stores_one_message_broadcast_once():
    group, founder, member = await a_chat()
    sender, reader = await Socket.joined(group, member), await Socket.joined(group, founder)
    for _ in range(2):
        await sender.send({"type": "send", "body": "Une seule fois", "client_id": "again"})
    assert (await reader.next_of("message"))["seq"] == 1
    assert await reader.quiet()
    # The sender, who may have missed the broadcast, gets the stored message again with the
    # second ack; the broadcast may come before or after either.
    frames = []
    while len(frames) < 4:
        frame = await sender.next()
        if frame["type"] != "presence":
            frames.append(frame)
    acks = [frame for frame in frames if frame["type"] == "ack"]
    assert acks == [{"type": "ack", "client_id": "again", "seq": 1, "duplicate": False},
                    {"type": "ack", "client_id": "again", "seq": 1, "duplicate": True}]
    assert [frame["seq"] for frame in frames if frame["type"] == "message"] == [1, 1]
    assert await in_db(ChatMessage.objects.filter(group=group).count)() == 1
    await sender.leave(), await reader.leave()


async def test_words_that_suggest_a_crisis_bring_the_sender_the_crisis_prompt_only():
    group, founder, member = await a_chat()
    sender, reader = await Socket.joined(group, member), await Socket.joined(group, founder)
    await sender.send({"type": "send", "body": "Je n'en peux plus, j'ai envie de mourir.", "client_id": "c"})
    await sender.next_of("ack")
    crisis = await sender.next_of("crisis")
    assert "crisis-prompt" in crisis["html"] and 'name="csrfmiddlewaretoken"' in crisis["html"]
    await reader.next_of("message")
    assert await reader.quiet()
    await sender.leave(), await reader.leave()


BAD_FRAMES = [
    ("not json", "not_json"),
    ('{"body": "x"}', "no_type"),
    ('{"type": "shout"}', "unknown_type"),
    ('{"type": "chat_message"}', "unknown_type"),
    ('{"type": "send", "client_id": "a"}', "bad_field"),
    ('{"type": "send", "body": 3, "client_id": "a"}', "bad_field"),
    ('{"type": "send", "body": "x"}', "bad_field"),
    ('{"type": "send", "body": "x", "client_id": "pas bon"}', "bad_field"),
    ('{"type": "send", "body": "x", "client_id": ""}', "bad_field"),
    ('{"type": "send", "body": "   ", "client_id": "a"}', "empty"),
    (json.dumps({"type": "send", "body": "x" * (BODY_MAX_LENGTH + 1), "client_id": "a"}), "too_long"),
    (json.dumps({"type": "send", "body": "x" * 20_000, "client_id": "a"}), "too_long"),
    ('{"type": "resume"}', "bad_field"),
    ('{"type": "resume", "after": "3"}', "bad_field"),
    ('{"type": "resume", "after": true}', "bad_field"),
    ('{"type": "resume", "after": -1}', "bad_field"),
    ('{"type": "resume", "after": 99999999999999999999999}', "bad_field"),
]


@pytest.mark.parametrize("text, code", BAD_FRAMES)
async def test_every_bad_frame_gets_an_error_frame_and_the_socket_stays_open(text, code):
    group, _founder, member = await a_chat()
    socket = await Socket.joined(group, member)
    await socket.communicator.send_to(text_data=text)
    error = await socket.next_of("error")
    assert error["code"] == code and error["message"]
    await socket.send({"type": "send", "body": "Toujours là", "client_id": "after"})
    assert (await socket.next_of("ack"))["client_id"] == "after"
    await socket.leave()


async def test_a_message_sent_too_fast_is_refused_with_when_to_retry_and_the_socket_stays():
    group, founder, member = await a_chat()
    await in_db(chat_slow_mode_set)(actor=founder, group=group, seconds=60)
    socket = await Socket.joined(group, member)
    await socket.send({"type": "send", "body": "Un", "client_id": "one"})
    await socket.next_of("ack")
    await socket.send({"type": "send", "body": "Deux", "client_id": "two"})
    error = await socket.next_of("error")
    assert error["code"] == "too_fast" and 0 < error["retry_after"] <= 60 and error["message"]
    await socket.send({"type": "resume", "after": 0})
    assert (await socket.next_of("resumed"))["last_seq"] == 1
    await socket.leave()


async def test_a_muted_member_is_refused_with_the_mute_message_and_the_socket_stays():
    group, founder, member = await a_chat()
    await in_db(muted_in_chat)(group, founder, member)
    socket = await Socket.joined(group, member)
    await socket.send({"type": "send", "body": "Puis-je ?", "client_id": "muted"})
    error = await socket.next_of("error")
    assert error["code"] == "muted" and "pour le moment" in error["message"]
    await socket.send({"type": "resume", "after": 0})
    assert (await socket.next_of("message"))["seq"] == 1
    await socket.leave()


async def test_slow_mode_changes_reach_open_sockets():
    group, founder, member = await a_chat()
    socket = await Socket.joined(group, member)
    await in_db(chat_slow_mode_set)(actor=founder, group=group, seconds=15)
    assert await socket.next_of("slow_mode") == {"type": "slow_mode", "seconds": 15}
    await socket.leave()


# --- Resume ----------------------------------------------------------------------------------

async def test_resume_replays_every_visible_message_after_the_seq_in_order():
    group, founder, member = await a_chat()
    for number in range(1, 6):
        await in_db(said)(group, founder, f"Message {number}")
    hidden = await in_db(ChatMessage.objects.get)(group=group, seq=4)
    await in_db(content_hide)(actor=founder, target=hidden, reason="Hors sujet.")
    socket = await Socket.joined(group, member)
    await socket.send({"type": "resume", "after": 2})
    assert [(await socket.next_of("message"))["seq"] for _ in range(2)] == [3, 5]
    assert await socket.next_of("resumed") == {"type": "resumed", "last_seq": 5}
    await socket.send({"type": "resume", "after": 5})
    assert await socket.next_of("resumed") == {"type": "resumed", "last_seq": 5}
    await socket.leave()


async def test_beyond_the_resume_limit_the_client_is_told_to_reload_the_history(monkeypatch):
    monkeypatch.setattr(consumers, "RESUME_LIMIT", 3)
    group, founder, member = await a_chat()
    for number in range(4):
        await in_db(said)(group, founder, f"Message {number}")
    socket = await Socket.joined(group, member)
    await socket.send({"type": "resume", "after": 0})
    reload = await socket.next_of("reload")
    assert reload["history_url"] == f"/groups/{group.slug}/chat/history/" and reload["message"]
    await socket.send({"type": "resume", "after": 1})
    assert [(await socket.next_of("message"))["seq"] for _ in range(3)] == [2, 3, 4]
    await socket.leave()


# --- Moderation in real time -----------------------------------------------------------------

async def test_a_hidden_message_disappears_for_every_socket_at_once():
    group, founder, member = await a_chat()
    message = await in_db(said)(group, member, "Un message blessant.")
    reader = await Socket.joined(group, await in_db(join)(group))
    await in_db(content_hide)(actor=founder, target=message, reason="Propos blessants.")
    assert await reader.next_of("hidden") == {"type": "hidden", "seq": message.seq}
    await reader.leave()


# --- Presence and typing ---------------------------------------------------------------------

async def test_presence_lists_who_is_in_the_chat_and_follows_arrivals_and_departures():
    group, founder, member = await a_chat()
    first = await Socket.joined(group, founder)
    second = await Socket.joined(group, member)
    everyone = sorted([founder.pseudonym, member.pseudonym], key=str.casefold)
    assert [m["pseudonym"] for m in (await first.next_of("presence"))["members"]] == everyone
    await second.leave()
    assert [m["id"] for m in (await first.next_of("presence"))["members"]] == [founder.pk]
    await first.leave()


async def test_a_member_who_hides_their_presence_is_not_listed_nor_shown_typing():
    group, founder, member = await a_chat()
    await in_db(chat_presence_hide_set)(actor=member, hidden=True)
    watcher = await Socket.joined(group, founder)
    hidden = await Socket.joined(group, member)
    assert [m["id"] for m in (await watcher.next_of("presence"))["members"]] == [founder.pk]
    await hidden.send({"type": "typing"})
    assert await watcher.quiet()
    await in_db(chat_presence_hide_set)(actor=member, hidden=False)
    assert {m["id"] for m in (await watcher.next_of("presence"))["members"]} == {founder.pk, member.pk}
    await watcher.leave(), await hidden.leave()


async def test_typing_reaches_the_others_and_not_the_typist():
    group, founder, member = await a_chat()
    typist, reader = await Socket.joined(group, member), await Socket.joined(group, founder)
    await typist.next_of("presence")
    await typist.send({"type": "typing"})
    assert await reader.next_of("typing") == {"type": "typing",
                                              "member": {"id": member.pk, "pseudonym": member.pseudonym}}
    assert await typist.quiet()
    await typist.leave(), await reader.leave()


async def test_presence_and_typing_are_off_in_groups_over_a_hundred_members():
    group, founder, member = await a_chat()
    await in_db(Group.objects.filter(pk=group.pk).update)(member_count=101)
    reader = await Socket.open(group.slug, founder)
    hello = await reader.next()
    assert (hello["presence"], hello["typing"]) == (False, False)
    typist = await Socket.open(group.slug, member)
    await typist.next()
    await typist.send({"type": "typing"})
    assert await reader.quiet()
    await reader.leave(), await typist.leave()


# --- Mutes and blocks -------------------------------------------------------------------------

async def a_chat_of_three():
    """A group, its founder, a member, and a third who reads along."""
    group, founder, member = await a_chat()
    return group, founder, member, await in_db(join)(group)


async def test_a_muted_members_message_reaches_the_one_who_muted_them_folded_and_the_others_whole():
    group, founder, member, reader = await a_chat_of_three()
    await in_db(member_mute)(actor=founder, member=member)
    sender, muter, other = (await Socket.joined(group, member), await Socket.joined(group, founder),
                            await Socket.joined(group, reader))
    await sender.send({"type": "send", "body": "Des mots que l'on ne veut plus lire", "client_id": "m"})
    folded = await muter.next_of("message")
    assert set(folded) == {"type", "seq", "folded", "created_at"} and (folded["seq"], folded["folded"]) == (1, True)
    assert (await other.next_of("message"))["body_html"] == "<p>Des mots que l'on ne veut plus lire</p>\n"
    assert (await sender.next_of("message", past=("presence", "ack")))["author"]["id"] == member.pk
    await sender.leave(), await muter.leave(), await other.leave()


async def test_a_block_folds_the_blocked_members_messages_and_leaves_the_blockers_out_for_them():
    group, founder, member = await a_chat()
    await in_db(member_block)(actor=founder, member=member)
    blocker, blocked = await Socket.joined(group, founder), await Socket.joined(group, member)
    await blocked.send({"type": "send", "body": "Tu me lis ?", "client_id": "b"})
    assert (await blocker.next_of("message"))["folded"] is True
    await blocker.send({"type": "send", "body": "Pas pour toi", "client_id": "f"})
    # Nothing of it but its seq, so that the client sees no gap and nothing tells of the block.
    assert await blocked.next_of("skip", past=("presence", "typing", "message", "ack")) == {"type": "skip", "seq": 2}
    assert await blocked.quiet()
    await blocker.leave(), await blocked.leave()


async def test_a_mute_set_or_lifted_while_connected_is_followed_from_the_next_message():
    group, founder, member = await a_chat()
    muter, sender = await Socket.joined(group, founder), await Socket.joined(group, member)
    await muter.next_of("presence")
    await in_db(member_mute)(actor=founder, member=member)
    await sender.send({"type": "send", "body": "Premier", "client_id": "1"})
    assert (await muter.next_of("message"))["folded"] is True
    await in_db(member_unmute)(actor=founder, member=member)
    await sender.send({"type": "send", "body": "Second", "client_id": "2"})
    assert (await muter.next_of("message"))["body_html"] == "<p>Second</p>\n"
    await muter.leave(), await sender.leave()


async def test_a_block_set_or_lifted_while_connected_reaches_the_blocked_members_socket_too():
    group, founder, member = await a_chat()
    blocked, blocker = await Socket.joined(group, member), await Socket.joined(group, founder)
    await blocked.next_of("presence")
    await in_db(member_block)(actor=founder, member=member)
    await blocker.send({"type": "send", "body": "Un", "client_id": "1"})
    assert (await blocked.next_of("skip", past=("presence", "typing"))) == {"type": "skip", "seq": 1}
    await in_db(member_unblock)(actor=founder, member=member)
    await blocker.send({"type": "send", "body": "Deux", "client_id": "2"})
    assert (await blocked.next_of("message"))["body_html"] == "<p>Deux</p>\n"
    await blocked.leave(), await blocker.leave()


async def test_resume_folds_and_leaves_out_as_the_live_stream_does():
    group, founder, member, reader = await a_chat_of_three()
    await in_db(member_mute)(actor=reader, member=member)
    await in_db(member_block)(actor=founder, member=reader)
    for author in (member, founder, reader):
        await in_db(said)(group, author, "Bonsoir")
    socket = await Socket.joined(group, reader)
    await socket.send({"type": "resume", "after": 0})
    first, mine = await socket.next_of("message"), await socket.next_of("message")
    assert (first["seq"], first.get("folded")) == (1, True)
    assert (mine["seq"], mine["author"]["id"]) == (3, reader.pk)
    assert await socket.next_of("resumed") == {"type": "resumed", "last_seq": 3}
    await socket.leave()


async def test_a_muted_member_is_not_shown_typing_and_hiding_or_restoring_follows_the_silences():
    group, founder, member, reader = await a_chat_of_three()
    await in_db(member_mute)(actor=founder, member=member)
    await in_db(member_block)(actor=member, member=reader)
    message = await in_db(said)(group, member, "Un mot")
    muter, blocked = await Socket.joined(group, founder), await Socket.joined(group, reader)
    typist = await Socket.joined(group, member)
    await typist.send({"type": "typing"})
    assert await muter.quiet_but("presence") and await blocked.quiet_but("presence")
    await in_db(content_hide)(actor=founder, target=message, reason="Hors sujet.")
    assert await muter.next_of("hidden") == {"type": "hidden", "seq": 1}
    await in_db(content_restore)(actor=founder, target=message, reason="Relu.")
    restored = await muter.next_of("restored")
    assert (restored["seq"], restored["folded"], "body_html" in restored) == (1, True, False)
    # The member they blocked hears neither the hiding nor the restoring.
    assert await blocked.quiet_but("presence")
    await muter.leave(), await blocked.leave(), await typist.leave()


# --- Queries of each handler -----------------------------------------------------------------

@pytest.mark.asyncio(loop_scope="function")
async def test_the_handlers_queries_are_fixed():
    group, founder, member = await a_chat()
    await in_db(said)(group, founder)
    await in_db(member_mute)(actor=member, member=founder)
    await in_db(member_block)(actor=member, member=await in_db(join)(group))
    await in_db(member_block)(actor=founder, member=member)
    await in_db(_pinned_queries)(group, founder, member)


def _pinned_queries(group, founder, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(function, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            function(**kwargs)
        return len(queries)

    assert count(chat_entry, user=member, slug=group.slug) == 5
    assert count(still_member, group_id=group.pk, user_id=member.pk) == 1
    # Outside a test's transaction: the standing, the room, and the store. On PostgreSQL that is
    # one statement, which commits by itself; on SQLite the seq, then the row, in a transaction
    # that is counted too (BEGIN ... COMMIT).
    assert count(consumers.send_message, user=member, group=group, body="Bonjour", client_id="q",
                 scope={}) == (3 if connection.vendor == "postgresql" else 6)
    assert count(consumers.missed_messages, group=group, after=0) == 2
    assert count(consumers.missed_messages, group=group, after=2) == 1
    # Read on connect and whenever they change: one query, whatever their number.
    assert count(silences_of, user=member) == 1
    assert count(consumers.missed_messages, group=group, after=0, silences=silences_of(founder)) == 2
