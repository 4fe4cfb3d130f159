"""Presence in the shared cache: what one server process records, another reads; hidden members
are not listed; a socket left without a word stops counting once its time runs out."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from chat.services import members_present, presence_enter, presence_leave
from chat.services.presence import PRESENCE_TTL_SECONDS

from .builders import chat_group

pytestmark = pytest.mark.django_db


def test_a_socket_recorded_by_one_process_is_listed_by_any_other():
    group, founder, member = chat_group()
    presence_enter(actor=founder, group_id=group.pk, channel_name="process-a.1", hidden=False)
    listed = presence_enter(actor=member, group_id=group.pk, channel_name="process-b.1", hidden=False)
    assert {present["id"] for present in listed} == {founder.pk, member.pk}
    assert members_present(group_id=group.pk) == listed


def test_a_member_stays_present_while_one_of_their_sockets_is_open():
    group, founder, _member = chat_group()
    presence_enter(actor=founder, group_id=group.pk, channel_name="a.1", hidden=False)
    presence_enter(actor=founder, group_id=group.pk, channel_name="b.1", hidden=False)
    assert [present["id"] for present in presence_leave(actor=founder, group_id=group.pk, channel_name="a.1")] == [
        founder.pk]
    assert presence_leave(actor=founder, group_id=group.pk, channel_name="b.1") == []


def test_a_member_who_hides_their_presence_is_not_listed():
    group, _founder, member = chat_group()
    assert presence_enter(actor=member, group_id=group.pk, channel_name="a.1", hidden=True) == []


def test_a_socket_that_stops_refreshing_stops_counting():
    group, founder, member = chat_group()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        presence_enter(actor=founder, group_id=group.pk, channel_name="gone.1", hidden=False)
        traveller.shift(timedelta(seconds=PRESENCE_TTL_SECONDS - 30))
        presence_enter(actor=member, group_id=group.pk, channel_name="here.1", hidden=False)
        traveller.shift(timedelta(seconds=31))
        assert [present["id"] for present in members_present(group_id=group.pk)] == [member.pk]


def test_presence_is_read_for_the_groups_members_only():
    group, _founder, _member = chat_group()
    _other, stranger, _ = chat_group()
    presence_enter(actor=stranger, group_id=group.pk, channel_name="a.1", hidden=False)
    assert members_present(group_id=group.pk) == []
