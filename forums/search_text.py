"""Words as forum search sees them: folded (case and accents gone), split, and reduced to a
stem in the language of the group by the Snowball stemmer for French, German, Italian or
English, so that "deuils" finds "deuil", "trauern" finds "Trauer", "malattie" finds
"malattia" and "grieving" finds "grieved".

The same functions prepare the stored text and the member's query, so both sides always
meet."""

import re
import threading
import unicodedata

import snowballstemmer

from entraide.text import fold

# Letters and digits; the underscore is a separator too (and a LIKE wildcard).
_WORD = re.compile(r"[^\W_]+")
MIN_STEM = 3

LANGUAGES = ("fr", "de", "it", "en")


def words(text: str) -> list[str]:
    """Folded words, without single letters (the "l" of "l'épilepsie")."""
    return [word for word in _WORD.findall(fold(text)) if len(word) > 1 or word.isdigit()]


# The Snowball stemmers, the same algorithms as PostgreSQL's full-text configurations. A
# stemmer keeps the word in its own attributes while it works: each thread has its own.
SNOWBALL_ALGORITHMS = {"fr": "french", "de": "german", "it": "italian", "en": "english"}


class _Stemmers(threading.local):
    def __init__(self):
        self.by_language = {}

    def get(self, language: str):
        if language not in self.by_language:
            self.by_language[language] = snowballstemmer.stemmer(SNOWBALL_ALGORITHMS[language])
        return self.by_language[language]


_stemmers = _Stemmers()


def stem(word: str, language: str) -> str:
    """The folded stem of a lower-case word with its accents, which the Snowball rules read
    ("pleurées" -> "pleur"). A stem shorter than three letters would start too many words,
    so such a word stays whole ("les" stays "les", not "le")."""
    stemmed = fold(_stemmers.get(language).stemWord(word))
    return stemmed if len(stemmed) >= MIN_STEM else fold(word)


def stems(text: str, language: str) -> list[str]:
    """The stem of every word of `text`, single letters left out as in words()."""
    unfolded = _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())
    return [stem(word, language) for word in unfolded if len(fold(word)) > 1 or word.isdigit()]


def indexed_text(text: str, language: str) -> str:
    """What is stored for the LIKE search: every stem between spaces, so that " stem" is a
    word start (a query word also finds longer words: "epilep" finds "epilepsie")."""
    return f" {' '.join(stems(text, language))} "
