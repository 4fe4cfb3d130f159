"""The live room's socket: who gets in (close codes), the state on connect and after every
change, for every socket of the room alike, the state read back after a restart, bad frames
answered with the socket kept, and a member removed while connected cut off."""

import json
from datetime import datetime, timedelta

import pytest
from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils import timezone

from entraide.consumers import CLOSE_NOT_ALLOWED, CLOSE_NOT_FOUND, CLOSE_NOT_SIGNED_IN
from entraide.routing import websocket_urlpatterns
from moderation.models import RoleKind
from moderation.services.removal import removal_confirm, removal_propose
from tests.factories import UserFactory, join
from tests.moderation.builders import give_role

from .live_room_builders import live_meeting

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("sockets_gone_at_the_end")]


def application():
    return AuthMiddlewareStack(URLRouter(websocket_urlpatterns()))


async def socket(user, occurrence_id) -> WebsocketCommunicator:
    headers = []
    if user is not None:
        client = Client()
        await database_sync_to_async(client.force_login)(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    communicator = WebsocketCommunicator(application(), f"/ws/meetings/{occurrence_id}/live/", headers=headers)
    accepted, _ = await communicator.connect()
    assert accepted
    return communicator


async def next_frame(communicator) -> dict:
    return json.loads(await communicator.receive_from(timeout=3))


async def closing_code(communicator) -> int:
    message = await communicator.receive_output(timeout=3)
    assert message["type"] == "websocket.close"
    return message["code"]


async def in_room(user, occurrence) -> tuple[WebsocketCommunicator, dict]:
    communicator = await socket(user, occurrence.pk)
    state = await next_frame(communicator)
    assert state["type"] == "state"
    return communicator, state


@pytest.fixture
def meeting(transactional_db):
    return live_meeting()


def shown(state) -> dict:
    """What the room shows, without what differs per socket or per send."""
    return {key: value for key, value in state.items() if key not in ("server_now", "you")}


# --- Who gets in ------------------------------------------------------------------------------


async def test_an_anonymous_visitor_is_closed_with_4401(meeting):
    assert await closing_code(await socket(None, meeting.occurrence.pk)) == CLOSE_NOT_SIGNED_IN


async def test_someone_outside_the_group_is_closed_with_4403(meeting):
    assert await closing_code(await socket(meeting.outsider, meeting.occurrence.pk)) == CLOSE_NOT_ALLOWED


@pytest.mark.parametrize("occurrence_id", ["999999", str(2**63), str(10**30), "0"])
async def test_a_meeting_that_does_not_exist_or_could_not_closes_with_4404(meeting, occurrence_id):
    assert await closing_code(await socket(meeting.member, occurrence_id)) == CLOSE_NOT_FOUND


async def test_before_the_join_window_the_room_closes_with_4403():
    meeting = await database_sync_to_async(live_meeting)(minutes=40)
    assert await closing_code(await socket(meeting.member, meeting.occurrence.pk)) == CLOSE_NOT_ALLOWED


async def test_a_removed_member_is_cut_off_while_connected_and_refused_afterwards(meeting):
    def remove():
        confirmer = give_role(meeting.group, join(meeting.group, UserFactory()), RoleKind.MODERATOR)
        proposal = removal_propose(actor=meeting.planner, group=meeting.group, member=meeting.other,
                                   reason="Des attaques répétées.")
        removal_confirm(actor=confirmer, proposal=proposal, reason="Je confirme.")

    theirs, _state = await in_room(meeting.other, meeting.occurrence)
    others, _state = await in_room(meeting.member, meeting.occurrence)
    await theirs.send_json_to({"type": "hand_raise"})
    assert len((await next_frame(theirs))["hands"]) == len((await next_frame(others))["hands"]) == 1
    await database_sync_to_async(remove)()
    assert await closing_code(theirs) == CLOSE_NOT_ALLOWED
    assert await closing_code(await socket(meeting.other, meeting.occurrence.pk)) == CLOSE_NOT_ALLOWED
    # Everyone else stays, and sees their hand come down.
    assert (await next_frame(others))["hands"] == []
    await others.disconnect()


# --- The state --------------------------------------------------------------------------------


async def test_on_connect_a_member_gets_the_state_with_the_servers_time_and_what_they_may_do(meeting):
    before = timezone.now()
    communicator, state = await in_room(meeting.timekeeper, meeting.occurrence)
    server_now = datetime.fromisoformat(state["server_now"])
    assert before - timedelta(seconds=1) <= server_now <= timezone.now() + timedelta(seconds=1)
    assert state["version"] == 0 and state["round"] is None and state["hands"] == [] and state["timer"] is None
    assert state["you"] == {"id": meeting.timekeeper.pk, "leads": False, "keeps_time": True, "gives_floor": True}
    await communicator.disconnect()


async def test_two_sockets_see_the_same_round_in_the_order_their_members_arrived(meeting):
    host, _state = await in_room(meeting.host, meeting.occurrence)
    member, _state = await in_room(meeting.member, meeting.occurrence)
    await host.send_json_to({"type": "round_start"})
    seen_by_host, seen_by_member = await next_frame(host), await next_frame(member)
    assert shown(seen_by_host) == shown(seen_by_member)
    assert [person["pseudonym"] for person in seen_by_host["round"]["queue"]] == ["Host", "Member"]
    await member.send_json_to({"type": "hand_raise"})
    assert shown(await next_frame(host)) == shown(await next_frame(member))
    await host.disconnect()
    await member.disconnect()


async def test_the_timekeepers_timer_reaches_everyone_with_the_same_end(meeting):
    host, _state = await in_room(meeting.host, meeting.occurrence)
    keeper, _state = await in_room(meeting.timekeeper, meeting.occurrence)
    await host.send_json_to({"type": "round_start"})
    await next_frame(host), await next_frame(keeper)
    await keeper.send_json_to({"type": "timer_start", "seconds": 90})
    for state in (await next_frame(host), await next_frame(keeper)):
        assert state["timer"]["seconds"] == 90 and state["timer"]["member"]["pseudonym"] == "Host"
        ends = datetime.fromisoformat(state["timer"]["ends_at"]) - datetime.fromisoformat(state["timer"]["started_at"])
        assert ends == timedelta(seconds=90)
    await host.disconnect()
    await keeper.disconnect()


async def test_the_state_survives_a_restart_a_new_socket_reads_what_was_stored(meeting):
    host, _state = await in_room(meeting.host, meeting.occurrence)
    await host.send_json_to({"type": "round_start"})
    before = await next_frame(host)
    await host.send_json_to({"type": "round_pass"})
    before = await next_frame(host)
    await host.disconnect()
    # No socket is left: whatever the room held lived in the database, not in a process.
    again, after = await in_room(meeting.member, meeting.occurrence)
    assert shown(after) == shown(before) and after["version"] == 2
    assert after["round"]["done"] == [{"id": meeting.host.pk, "pseudonym": "Host", "passed": True}]
    await again.disconnect()


# --- Bad frames and refused controls ------------------------------------------------------------


@pytest.mark.parametrize(
    "who, text, code",
    [
        ("member", "not json", "not_json"),
        ("member", '{"type": "dance"}', "unknown_type"),
        ("member", '{"type": "live_state"}', "unknown_type"),
        ("timekeeper", '{"type": "timer_start"}', "bad_field"),
        ("timekeeper", '{"type": "timer_start", "seconds": "60"}', "bad_field"),
        ("timekeeper", '{"type": "timer_start", "seconds": true}', "bad_field"),
        ("timekeeper", '{"type": "timer_start", "seconds": 5}', "refused"),
        ("host", '{"type": "agenda_set", "item_id": "1"}', "bad_field"),
        ("host", '{"type": "agenda_set", "item_id": 100000000000000000000000}', "refused"),
        ("member", '{"type": "round_start"}', "not_allowed"),
        ("member", '{"type": "floor_next"}', "not_allowed"),
        ("member", '{"type": "timer_stop"}', "not_allowed"),
        ("host", '{"type": "round_end"}', "refused"),
        ("member", '{"type": "hand_lower"}', "refused"),
    ],
)
async def test_every_bad_frame_or_refused_control_gets_an_error_and_the_socket_stays(meeting, who, text, code):
    communicator, _state = await in_room(getattr(meeting, who), meeting.occurrence)
    await communicator.send_to(text_data=text)
    error = await next_frame(communicator)
    assert error["type"] == "error" and error["code"] == code and error["message"]
    await communicator.send_json_to({"type": "hand_raise"})
    assert (await next_frame(communicator))["hands"][0]["id"] == getattr(meeting, who).pk
    await communicator.disconnect()


async def test_a_refused_control_says_why_in_the_members_words(meeting):
    communicator, _state = await in_room(meeting.member, meeting.occurrence)
    await communicator.send_json_to({"type": "timer_start", "seconds": 60})
    error = await next_frame(communicator)
    assert error["code"] == "not_allowed" and "chronométreur" in error["message"]
    await communicator.disconnect()
