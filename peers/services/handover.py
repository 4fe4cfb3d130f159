"""Hand-over notes: what a supporter leaves for the next shift, at the end of theirs. A note
carries no personal details (no e-mail address, no phone number), and a situation in crisis is
passed to a coordinator, not left in a note: moderation's crisis-word check reads every note
before it is saved."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError
from moderation.crisis import suggests_crisis

from ..models import HandoverNote
from ..models.line import NOTE_BODY_MAX_LENGTH
from ..permissions.line import check_write_note

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Nine digits or more, with spaces, dots, dashes, slashes or brackets between them: a phone
# number (079 123 45 67, +41 79 123 45 67), not a date (02.12.2026) nor a short line (143).
_PHONE = re.compile(r"(?<!\w)(?:\+|00)?\d(?:[\s./()-]{0,2}\d){8,}(?!\w)")


def personal_details_in(text: str) -> bool:
    return bool(_EMAIL.search(text) or _PHONE.search(text))


def check_note_body(body: str) -> None:
    if not body:
        raise DomainError(_("La note est vide : écrivez quelques mots pour la relève."))
    if len(body) > NOTE_BODY_MAX_LENGTH:
        raise DomainError(_("Une note de relève compte %(max)s caractères au plus.") % {"max": NOTE_BODY_MAX_LENGTH})
    if personal_details_in(body):
        raise DomainError(_("Cette note semble contenir une adresse e-mail ou un numéro de téléphone. "
                            "Les notes de relève ne portent aucune donnée personnelle : retirez-les."))
    if suggests_crisis(body):
        raise DomainError(_("Cette note parle d'une situation de crise. Une telle situation ne se laisse pas "
                            "dans une note : confiez la conversation à la coordination."))


@transaction.atomic
def handover_note_write(*, actor, language, body, now=None) -> HandoverNote:
    now = now or timezone.now()
    check_write_note(actor, language=language, now=now)
    body = (body or "").strip()
    check_note_body(body)
    return HandoverNote.objects.create(supporter=actor, language=language, body=body, created_at=now)
