"""Agenda items and meeting notes are reportable, and hiding one takes it away."""

from datetime import timedelta

import pytest

from meetings.models import (
    AgendaItem,
    MeetingNote,
)
from meetings.services.agenda import agenda_item_propose
from meetings.services.notes import meeting_note_save
from moderation.reportables import describe_object, for_object
from tests.factories import join

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.order_by("starts_at").first()
    return group, planner, occurrence


def test_an_agenda_item_is_reportable_and_hidden_it_leaves_the_agenda(meeting):
    group, _planner, occurrence = meeting
    item = agenda_item_propose(actor=join(group), occurrence=occurrence, text="Un point")
    reportable = for_object(item)

    reportable.set_hidden(item, True)

    assert reportable.kind == "agenda_item" and reportable.group_of(item) == group
    assert "Groupe du mardi" in describe_object(item)
    assert AgendaItem.objects.get().removed_at is not None

def test_meeting_notes_are_reportable_and_hidden_they_go(meeting):
    _group, planner, occurrence = meeting
    note = meeting_note_save(actor=planner, occurrence=occurrence, body="Prochaine date : mardi.",
                             now=occurrence.starts_at + timedelta(hours=2))

    for_object(note).set_hidden(note, True)

    assert for_object(note).kind == "meeting_note"
    assert not MeetingNote.objects.exists()
