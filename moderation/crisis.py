"""Crisis signposting: noticing words that suggest a member is in crisis, and the helplines
to offer them. Nothing here blocks a post or tells anyone outside the group: forums and chat
call `crisis_prompt_context` after a member writes and show the calm prompt it describes.

The words are data (moderation/data/crisis_words/<language>.txt, format in its README), and
all the languages are searched at once, since members mix them."""

import functools
import re
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from entraide.text import fold

from .models import CrisisLine

WORDS_DIR = Path(__file__).resolve().parent / "data" / "crisis_words"
WORD_LANGUAGES = ("fr", "de", "it", "en")
DEFAULT_COUNTRY = "CH"
# Countries whose names the site knows, in the order the help page lists them after the
# member's own (Switzerland, its neighbours, then the other countries where the site's
# languages are spoken); countries staff add in the admin follow, by code.
COUNTRY_NAMES = {
    "CH": _("Suisse"),
    "FR": _("France"),
    "DE": _("Allemagne"),
    "IT": _("Italie"),
    "AT": _("Autriche"),
    "BE": _("Belgique"),
    "LU": _("Luxembourg"),
    "CA": _("Canada"),
}
PROMPT_HELPLINES = 2
PROMPT_EMERGENCY_LINES = 1

_NOT_WORD = re.compile(r"[^\w']+")


def normalise(text: str) -> str:
    """Folded text with punctuation as spaces and one kind of apostrophe: 'Envie-de MOURIR…'
    -> 'envie de mourir'."""
    folded = fold(text).replace("\u2019", "'").replace("`", "'").replace("_", " ")
    return _NOT_WORD.sub(" ", folded).strip()


def entry_pattern(entry: str) -> str:
    """The regular expression of one word-list entry (see the README of the word lists)."""
    words, not_followed_by = [], []
    for token in normalise(entry.replace("*", "STEMMARK").replace("!", " NOTMARK")).split():
        if token.startswith("notmark"):
            not_followed_by.append(re.escape(token.removeprefix("notmark")))
        else:
            words.append(token)
    if not words:
        raise ValueError(f"Empty crisis word entry: {entry!r}")
    stem = words[-1].endswith("stemmark")
    words[-1] = words[-1].removesuffix("stemmark")
    pattern = r"(?<!\w)" + " ".join(re.escape(word) for word in words) + (r"\w*" if stem else "") + r"(?!\w)"
    if not_followed_by:
        pattern += r"(?! (?:" + "|".join(not_followed_by) + r")(?!\w))"
    return pattern


def word_list(language: str) -> list[str]:
    lines = (WORDS_DIR / f"{language}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def _crisis_regex() -> re.Pattern:
    entries = [entry for language in WORD_LANGUAGES for entry in word_list(language)]
    return re.compile("|".join(f"(?:{entry_pattern(entry)})" for entry in entries))


def suggests_crisis(text: str) -> bool:
    """Whether the words suggest suicidal thoughts, self-harm or an acute crisis, in any of
    French, German, Italian or English."""
    if not text or not text.strip():
        return False
    return _crisis_regex().search(normalise(text)) is not None


# --- The lines to offer ------------------------------------------------------------------------

def _language(language=None) -> str:
    code = (language or translation.get_language() or "fr").split("-")[0].lower()
    return code if code in WORD_LANGUAGES else "fr"


def _lines_for(language) -> list[CrisisLine]:
    return list(CrisisLine.objects.filter(language__in=("", _language(language))).order_by("country", "position", "pk"))


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))


def countries_with_lines() -> list[str]:
    return sorted(set(CrisisLine.objects.values_list("country", flat=True)), key=_country_order)


def _country_order(code: str):
    known = list(COUNTRY_NAMES)
    return (known.index(code), "") if code in known else (len(known), code)


def lines_by_country(*, first_country=DEFAULT_COUNTRY, language=None) -> list[dict]:
    """Every country's lines for the member's language, their likely country first: one query."""
    by_country: dict[str, list] = {}
    for line in _lines_for(language):
        by_country.setdefault(line.country, []).append(line)
    order = sorted(by_country, key=lambda code: (code != first_country, _country_order(code)))
    return [{"code": code, "name": country_name(code), "lines": by_country[code]} for code in order]


def prompt_lines(*, country=DEFAULT_COUNTRY, language=None) -> list[CrisisLine]:
    """The few lines the prompt shows: the country's listening lines, then an emergency number."""
    lines = [line for line in _lines_for(language) if line.country == country]
    if not lines and country != DEFAULT_COUNTRY:
        return prompt_lines(country=DEFAULT_COUNTRY, language=language)
    helplines = [line for line in lines if not line.is_emergency][:PROMPT_HELPLINES]
    emergency = [line for line in lines if line.is_emergency][:PROMPT_EMERGENCY_LINES]
    return helplines + emergency


_ACCEPT_LANGUAGE_REGION = re.compile(r"\b[a-z]{2,3}-([a-z]{2})\b", re.IGNORECASE)


def likely_country(request, available=None) -> str:
    """The member's country as well as we can tell without asking: a country they chose on
    the help page (?country=), else the first region of their browser's languages (fr-CH,
    de-BE...), else Switzerland."""
    available = set(available) if available is not None else set(countries_with_lines())
    chosen = request.GET.get("country", "").upper()
    if chosen in available:
        return chosen
    for region in _ACCEPT_LANGUAGE_REGION.findall(request.headers.get("Accept-Language", "")):
        if region.upper() in available:
            return region.upper()
    return DEFAULT_COUNTRY


def crisis_prompt_context(text: str, user, group, *, country=None, language=None) -> dict | None:
    """What `moderation/_crisis_prompt.html` needs after `user` wrote `text` in `group`, or
    None when the words suggest nothing. Costs no query when they suggest nothing."""
    if not suggests_crisis(text):
        return None
    language = language or getattr(user, "preferred_language", "") or None
    return {"group": group, "crisis_lines": prompt_lines(country=country or DEFAULT_COUNTRY, language=language)}
