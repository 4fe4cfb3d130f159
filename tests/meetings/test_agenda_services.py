"""The agenda is prepared together: members propose items before the meeting, the host or the
group's role holders order and remove them, apply the opening and closing rounds and add
prompts; short notes follow the meeting; a speaker is followed invited → confirmed → thanked."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotAllowed
from meetings.models import (
    AgendaItemKind,
    MeetingKind,
    MeetingNote,
    MeetingRoleKind,
    SpeakerStatus,
)
from meetings.services import agenda as agenda_services
from meetings.services.notes import meeting_note_save
from meetings.services.roles import meeting_role_take
from meetings.services.speakers import speaker_invite, speaker_status_advance
from tests.factories import UserFactory, join

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    group, planner = planned_group(languages=("de",))
    occurrence = weekly_series(group, planner, language="de").occurrences.order_by("starts_at").first()
    return group, planner, occurrence


def _agenda(occurrence):
    return list(occurrence.agenda_items.filter(removed_at__isnull=True).order_by("position")
                .values_list("kind", "text"))


def test_a_member_proposes_an_item_and_it_goes_last_before_the_closing_round(meeting):
    group, planner, occurrence = meeting
    agenda_services.agenda_template_apply(actor=planner, occurrence=occurrence, template="rounds")
    member = join(group)

    agenda_services.agenda_item_propose(actor=member, occurrence=occurrence, text="  Die Sommerpause  ")

    kinds = [kind for kind, _text in _agenda(occurrence)]
    assert kinds == [AgendaItemKind.OPENING_ROUND, AgendaItemKind.ITEM, AgendaItemKind.CLOSING_ROUND]
    assert ("item", "Die Sommerpause") in _agenda(occurrence)


def test_rounds_and_prompts_are_written_in_the_meetings_language_and_a_template_applies_once(meeting):
    _group, planner, occurrence = meeting

    agenda_services.agenda_template_apply(actor=planner, occurrence=occurrence, template="rounds")
    again = agenda_services.agenda_template_apply(actor=planner, occurrence=occurrence, template="weather")
    agenda_services.agenda_prompt_add(actor=planner, occurrence=occurrence, prompt="highlights")

    assert again == []
    opening, prompt, closing = (text for _kind, text in _agenda(occurrence))
    assert opening.startswith("Eröffnungsrunde") and closing.startswith("Schlussrunde")
    assert "Höhepunkte" in prompt


def test_the_host_of_the_occurrence_orders_the_items_and_a_member_may_not(meeting):
    group, _planner, occurrence = meeting
    host, member = join(group), join(group)
    meeting_role_take(actor=host, occurrence=occurrence, role=MeetingRoleKind.HOST)
    first = agenda_services.agenda_item_propose(actor=member, occurrence=occurrence, text="Erstens")
    agenda_services.agenda_item_propose(actor=member, occurrence=occurrence, text="Zweitens")

    agenda_services.agenda_item_move(actor=host, item=first, direction="down")

    assert [text for _kind, text in _agenda(occurrence)] == ["Zweitens", "Erstens"]
    with pytest.raises(NotAllowed):
        agenda_services.agenda_item_move(actor=member, item=first, direction="up")
    with pytest.raises(DomainError):
        agenda_services.agenda_item_move(actor=host, item=first, direction="down")


def test_an_author_takes_back_their_own_item_but_not_anothers(meeting):
    group, planner, occurrence = meeting
    author, other = join(group), join(group)
    item = agenda_services.agenda_item_propose(actor=author, occurrence=occurrence, text="Mein Punkt")

    with pytest.raises(NotAllowed):
        agenda_services.agenda_item_remove(actor=other, item=item)
    agenda_services.agenda_item_remove(actor=author, item=item)

    assert _agenda(occurrence) == []
    with pytest.raises(DomainError):
        agenda_services.agenda_item_remove(actor=planner, item=item)


def test_proposals_close_when_the_meeting_starts_and_an_outsider_or_an_empty_or_long_text_is_refused(meeting):
    group, _planner, occurrence = meeting
    member = join(group)

    with pytest.raises(DomainError):
        agenda_services.agenda_item_propose(actor=member, occurrence=occurrence, text="Zu spät",
                                            now=occurrence.starts_at + timedelta(minutes=1))
    with pytest.raises(NotAllowed):
        agenda_services.agenda_item_propose(actor=UserFactory(), occurrence=occurrence, text="Von aussen")
    with pytest.raises(DomainError):
        agenda_services.agenda_item_propose(actor=member, occurrence=occurrence, text="   ")
    with pytest.raises(DomainError):
        agenda_services.agenda_item_propose(actor=member, occurrence=occurrence, text="x" * 501)


def test_an_unknown_template_or_prompt_is_refused_with_a_message(meeting):
    _group, planner, occurrence = meeting

    with pytest.raises(DomainError, match="modèle"):
        agenda_services.agenda_template_apply(actor=planner, occurrence=occurrence, template="nope")
    with pytest.raises(DomainError, match="bibliothèque"):
        agenda_services.agenda_prompt_add(actor=planner, occurrence=occurrence, prompt="nope")


def test_notes_are_written_once_the_meeting_began_and_taken_away_when_emptied(meeting):
    group, planner, occurrence = meeting
    started = occurrence.starts_at + timedelta(minutes=100)

    with pytest.raises(DomainError):
        meeting_note_save(actor=planner, occurrence=occurrence, body="Vorher", now=occurrence.starts_at - timedelta(1))
    with pytest.raises(NotAllowed):
        meeting_note_save(actor=join(group), occurrence=occurrence, body="Ich auch", now=started)
    note = meeting_note_save(actor=planner, occurrence=occurrence, body="Nächstes Treffen: **Dienstag**.", now=started)

    assert "<strong>Dienstag</strong>" in note.body_html
    assert meeting_note_save(actor=planner, occurrence=occurrence, body="", now=started) is None
    assert not MeetingNote.objects.exists()


def test_a_speaker_is_followed_invited_then_confirmed_then_thanked_by_a_role_holder():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner, kind=MeetingKind.SPEAKER).occurrences.order_by("starts_at").first()
    member = join(group)

    invitation = speaker_invite(actor=planner, occurrence=occurrence, speaker_name="Dr. Rossi", topic="Le sommeil")
    with pytest.raises(NotAllowed):
        speaker_status_advance(actor=member, occurrence=occurrence, status=SpeakerStatus.CONFIRMED)
    with pytest.raises(Conflict):
        speaker_status_advance(actor=planner, occurrence=occurrence, status=SpeakerStatus.THANKED)
    speaker_status_advance(actor=planner, occurrence=occurrence, status=SpeakerStatus.CONFIRMED)
    with pytest.raises(DomainError):
        speaker_status_advance(actor=planner, occurrence=occurrence, status=SpeakerStatus.THANKED)
    thanked = speaker_status_advance(actor=planner, occurrence=occurrence, status=SpeakerStatus.THANKED,
                                     now=occurrence.ends_at + timedelta(hours=1))

    assert invitation.status == SpeakerStatus.INVITED and thanked.status == SpeakerStatus.THANKED


def test_a_sharing_meeting_has_no_speaker(meeting):
    _group, planner, occurrence = meeting

    with pytest.raises(DomainError):
        speaker_invite(actor=planner, occurrence=occurrence, speaker_name="Quelqu'un")


def test_nothing_is_arranged_on_a_cancelled_meeting(meeting):
    from meetings.services.occurrences import occurrence_cancel

    _group, planner, occurrence = meeting
    occurrence_cancel(actor=planner, occurrence=occurrence, reason="Salle fermée.")

    with pytest.raises(DomainError):
        agenda_services.agenda_template_apply(actor=planner, occurrence=occurrence, template="rounds",
                                              now=timezone.now())
