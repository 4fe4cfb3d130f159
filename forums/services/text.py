"""What members type, checked and prepared before it is stored: titles, bodies, warnings, mentions."""

import re

from django.utils.translation import gettext as _

from entraide.errors import DomainError
from entraide.models import User

from ..models import BODY_MAX_LENGTH, OTHER_WARNING_MAX_LENGTH, TITLE_MAX_LENGTH, ContentWarning

# "@" that starts a word: not inside an e-mail address, not "@@".
_MENTION_START = re.compile(r"(?<![\w@])@(?=\w)")


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Donnez un titre à votre sujet."))
    if len(title) > TITLE_MAX_LENGTH:
        raise DomainError(
            _("Le titre compte %(length)s caractères ; la limite est de %(limit)s.")
            % {"length": len(title), "limit": TITLE_MAX_LENGTH}
        )
    return title


def clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Votre message est vide : écrivez quelques mots avant d'envoyer."))
    if len(body) > BODY_MAX_LENGTH:
        raise DomainError(
            _("Votre message compte %(length)s caractères ; la limite est de %(limit)s. "
              "Raccourcissez-le ou partagez-le en plusieurs messages.")
            % {"length": len(body), "limit": BODY_MAX_LENGTH}
        )
    return body


def clean_warnings(warnings, other_warning: str) -> tuple[list[str], str]:
    """Known warnings in their list order; "other" needs its word, and a word means "other"."""
    chosen = set(warnings or ())
    unknown = chosen - set(ContentWarning.values)
    if unknown:
        raise DomainError(_("Cet avertissement n'existe pas : choisissez-en un dans la liste."))
    other_warning = " ".join((other_warning or "").split())
    if len(other_warning) > OTHER_WARNING_MAX_LENGTH:
        raise DomainError(
            _("Le thème de l'avertissement « autre » compte au plus %(limit)s caractères.")
            % {"limit": OTHER_WARNING_MAX_LENGTH}
        )
    if other_warning:
        chosen.add(ContentWarning.OTHER)
    elif ContentWarning.OTHER in chosen:
        raise DomainError(_("Précisez en quelques mots le thème de l'avertissement « autre »."))
    return [value for value in ContentWarning.values if value in chosen], other_warning


def mentioned_members(text: str, group, *, author) -> list[User]:
    """Members of the group named as @pseudonym in the text (pseudonyms may hold spaces:
    the longest one that fits wins). Anything else after an "@" stays plain text."""
    starts = [match.end() for match in _MENTION_START.finditer(text or "")]
    if not starts:
        return []
    members = sorted(
        User.objects.filter(memberships__group=group, is_active=True).exclude(pk=author.pk).only("pk", "pseudonym"),
        key=lambda member: -len(member.pseudonym),
    )
    found = {}
    for start in starts:
        for member in members:
            end = start + len(member.pseudonym)
            if text[start:end].casefold() == member.pseudonym.casefold() and not (end < len(text) and (text[end].isalnum() or text[end] == "_")):
                found.setdefault(member.pk, member)
                break
    return list(found.values())
