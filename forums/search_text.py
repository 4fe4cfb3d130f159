"""Words as forum search sees them: folded (case and accents gone), split, and reduced to a
stem in the language of the group, so that "deuils" finds "deuil" and "trauern" finds "Trauer".

The same functions prepare the stored text and the member's query, so both sides always
meet. The stemmers are deliberately light (plural and common inflection endings only):
a stem too short would match unrelated words, so no rule leaves fewer than three letters."""

import re

from entraide.text import fold

# Letters and digits; the underscore is a separator too (and a LIKE wildcard).
_WORD = re.compile(r"[^\W_]+")
MIN_STEM = 3

LANGUAGES = ("fr", "de", "it", "en")


def words(text: str) -> list[str]:
    """Folded words, without single letters (the "l" of "l'épilepsie")."""
    return [word for word in _WORD.findall(fold(text)) if len(word) > 1 or word.isdigit()]


def _strip(word: str, suffix: str, replacement: str = "") -> str | None:
    if word.endswith(suffix) and len(word) - len(suffix) + len(replacement) >= MIN_STEM:
        return word[: len(word) - len(suffix)] + replacement
    return None


def stem_fr(word: str) -> str:
    """Plural, then infinitive/second person plural, then feminine and participle endings:
    journaux -> journal, deuils -> deuil, pleurer/pleurez/pleure/pleurees -> pleur."""
    if word.isdigit():
        return word
    for suffix, replacement in (("eaux", "eau"), ("aux", "al"), ("eux", "eu")):
        stripped = _strip(word, suffix, replacement)
        if stripped:
            word = stripped
            break
    else:
        if not word.endswith("ss"):
            word = _strip(word, "s") or word
    for suffix in ("er", "ez"):
        stripped = _strip(word, suffix)
        if stripped:
            return stripped
    for _pass in range(2):
        word = _strip(word, "e") or word
    return word


# CISTEM (Weissweiler & Fraser, 2017), without the case-sensitive rule: letter groups that
# must not be split are swapped for markers while suffixes are stripped.
_DE_GROUPS = (("sch", "$"), ("ei", "%"), ("ie", "&"))
_DE_DOUBLE = re.compile(r"(.)\1")


def stem_de(word: str) -> str:
    """trauern/Trauer/trauernde -> trau, Kindern/Kinder -> kind, Gruppen/Gruppe -> grupp."""
    if word.isdigit():
        return word
    for group, mark in _DE_GROUPS:
        word = word.replace(group, mark)
    word = _DE_DOUBLE.sub(r"\1*", word)
    while len(word) > MIN_STEM:
        if len(word) > 5 and word[-2:] in ("em", "er", "nd"):
            word = word[:-2]
        elif word[-1] in "tesn":
            word = word[:-1]
        else:
            break
    word = re.sub(r"(.)\*", r"\1\1", word)
    for group, mark in reversed(_DE_GROUPS):
        word = word.replace(mark, group)
    return word


def _unchanged(word: str) -> str:
    return word


STEMMERS = {"fr": stem_fr, "de": stem_de, "it": _unchanged, "en": _unchanged}


def stems(text: str, language: str) -> list[str]:
    stem = STEMMERS.get(language, _unchanged)
    return [stem(word) for word in words(text)]


def indexed_text(text: str, language: str) -> str:
    """What is stored for the LIKE search: every stem between spaces, so that " stem" is a
    word start (a query word also finds longer words: "epilep" finds "epilepsie")."""
    return f" {' '.join(stems(text, language))} "
