"""A member's answers, roles and items go into their export; an account deleted takes its answers."""

from io import StringIO

import pytest
from django.core.management import call_command

from entraide import registry
from meetings.models import (
    AgendaItem,
    MeetingRoleKind,
    Rsvp,
    RsvpAnswer,
)
from meetings.services.agenda import agenda_item_propose
from meetings.services.roles import meeting_role_take
from meetings.services.rsvps import rsvp_set
from tests.factories import join

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.order_by("starts_at").first()
    return group, planner, occurrence


def test_the_export_has_the_members_answers_roles_and_items(meeting):
    group, _planner, occurrence = meeting
    member = join(group)
    rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.GOING)
    meeting_role_take(actor=member, occurrence=occurrence, role=MeetingRoleKind.WELCOME)
    agenda_item_propose(actor=member, occurrence=occurrence, text="Mon point")

    rsvps, roles, items = (registry.export_sections.get(name)(member)
                           for name in ("meeting_rsvps", "meeting_roles", "meeting_agenda_items"))

    assert [row["answer"] for row in rsvps] == ["going"]
    assert [row["role"] for row in roles] == ["welcome"]
    assert [row["text"] for row in items] == ["Mon point"]

def test_an_account_deleted_takes_its_answers_and_leaves_its_items_without_a_name(meeting):
    group, _planner, occurrence = meeting
    member = join(group)
    rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.GOING)
    agenda_item_propose(actor=member, occurrence=occurrence, text="Mon point")

    registry.account_cleanups.get("meetings")(member)

    assert not Rsvp.objects.filter(member=member).exists()
    assert AgendaItem.objects.get().author is None


def _seed():
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
