"""Agenda items and meeting notes as moderation sees them: reportable by members, and hidden by
the group's moderators (an item leaves the agenda; notes are taken away). Facts are ids and the
meeting's title, worded in the reader's language when the queue or the log is read."""

from django.urls import reverse
from django.utils.translation import gettext as _

from moderation.reportables import Reportable

from .models import AgendaItem, MeetingNote

LOG_TITLE_LENGTH = 150


def _meeting_facts(occurrence) -> dict:
    return {"occurrence_id": occurrence.pk, "title": occurrence.series.title[:LOG_TITLE_LENGTH],
            "date": occurrence.starts_at.date().isoformat()}


def agenda_item_facts(item) -> dict:
    return {"item_id": item.pk, **_meeting_facts(item.occurrence)}


def describe_agenda_item(facts: dict) -> str:
    return _("Point de l'ordre du jour de « %(title)s » (%(date)s)") % facts


def meeting_note_facts(note) -> dict:
    return {"note_id": note.pk, **_meeting_facts(note.occurrence)}


def describe_meeting_note(facts: dict) -> str:
    return _("Notes de la rencontre « %(title)s » (%(date)s)") % facts


def _agenda_url(occurrence) -> str:
    return reverse("meeting_agenda", args=[occurrence.series.group.slug, occurrence.pk])


def agenda_item_reportable() -> Reportable:
    from .services.agenda import agenda_item_hidden_set

    return Reportable(
        kind="agenda_item", model=AgendaItem,
        group_of=lambda item: item.occurrence.series.group,
        author_of=lambda item: item.author,
        facts=agenda_item_facts, describe=describe_agenda_item,
        url_of=lambda item: _agenda_url(item.occurrence),
        set_hidden=agenda_item_hidden_set,
    )


def meeting_note_reportable() -> Reportable:
    from .services.notes import meeting_note_hidden_set

    return Reportable(
        kind="meeting_note", model=MeetingNote,
        group_of=lambda note: note.occurrence.series.group,
        author_of=lambda note: note.author,
        facts=meeting_note_facts, describe=describe_meeting_note,
        url_of=lambda note: reverse("meeting_notes", args=[note.occurrence.series.group.slug, note.occurrence_id]),
        set_hidden=meeting_note_hidden_set,
    )
