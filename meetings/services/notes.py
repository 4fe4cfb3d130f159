"""Short notes after a meeting: what was agreed, the next date, who hosts it. They hold no
personal sharing: what members say in a meeting stays in the meeting, and the form says so."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from entraide.errors import DomainError
from entraide.standing import read_standing
from entraide.text import render_markdown

from ..permissions import check_write_note
from ..models import NOTE_MAX_LENGTH, MeetingNote, Occurrence

NOTE_TOO_LONG = _("Les notes tiennent en 4000 caractères au plus : gardez l'essentiel.")


@transaction.atomic
def meeting_note_save(*, actor, occurrence, body, now=None) -> MeetingNote | None:
    """Write or rewrite the notes; empty notes are taken away. Returns the note, or None."""
    occurrence = Occurrence.objects.select_for_update().select_related("series__group").get(pk=occurrence.pk)
    check_write_note(read_standing(actor, occurrence.series.group), occurrence, now)
    body = (body or "").strip()
    if len(body) > NOTE_MAX_LENGTH:
        raise DomainError(NOTE_TOO_LONG)
    if not body:
        MeetingNote.objects.filter(occurrence=occurrence).delete()
        return None
    note, _created = MeetingNote.objects.update_or_create(
        occurrence=occurrence, defaults={"author": actor, "body": body, "body_html": render_markdown(body)})
    return note


def meeting_note_hidden_set(note, hidden: bool) -> None:
    """Moderation takes reported notes away; there is nothing to bring back once they are gone."""
    if hidden:
        note.delete()
