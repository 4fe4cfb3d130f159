"""Free-text search of the directory on the database's own full-text index.

`Group.search_text` is the group's name, description and theme names in every language,
lower-cased and stripped of accents once, in Python (entraide.text.fold), by the services
that write groups; the words of a search are folded the same way. The index splits that text
into words, and each word of a search must begin a word of the group ("epilep" finds
"Épilepsie"); words a search joins with an apostrophe or a dash ("d'entraide") must follow
each other, the last one begun:

- SQLite: the FTS5 table `entraide_group_fts` (tokenizer `unicode61 remove_diacritics 2`),
  an external-content table over `entraide_group.search_text` kept by three triggers, made
  in migration 0008: every write to the column, a service's or a bulk one, reaches it.
- PostgreSQL: the stored generated column `search_vector`, `to_tsvector('simple',
  search_text)` (migration 0010), behind a GIN index, read with a prefix `tsquery`
  (`'epilep':*`). Neither `unaccent` nor a language's configuration is applied:
  the text is already folded, by the same Python as the search and as on SQLite (`unaccent`
  would fold more than that, 'œuvre' into 'oeuvre', and the two databases would find
  different groups), and it holds theme names in four languages, where a stemmed prefix
  finds other groups than the words typed (docs/performance.md#directory).

On SQLite the words give the ids of matching groups, a subquery the other queries filter on;
on PostgreSQL a condition on the group's own row, cheap to check on each group a page walks
in name order, and which the GIN index answers when few groups match.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from ..text import fold

MAX_TERMS = 8
# Letters and digits: what both indexes count as a word (an apostrophe or a dash separates).
_WORD = re.compile(r"[^\W_]+")

FTS_TABLE = "entraide_group_fts"
POSTGRES_VECTOR = "search_vector"


def search_words(q: str) -> list[list[str]]:
    """The terms a search looks for, folded as the groups' text is, each a run of words."""
    terms = (_WORD.findall(term) for term in fold(q).split()[:MAX_TERMS])
    return [term for term in terms if term]


def matching_text(terms: list[list[str]]) -> Q:
    """Groups whose text holds every term, its last word begun (no terms: every group)."""
    if not terms:
        return Q()
    if connection.vendor == "postgresql":
        tsquery = " & ".join("(" + " <-> ".join(f"'{word}'" for word in term) + ":*)" for term in terms)
        # The column is named bare: inside a subquery Django gives the group table another alias.
        return Q(RawSQL(f"{POSTGRES_VECTOR} @@ to_tsquery('simple'::regconfig, %s)", (tsquery,),
                        output_field=BooleanField()))
    if connection.vendor == "sqlite":
        match = " AND ".join('"' + " ".join(term) + '"*' for term in terms)
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (match,)))
    # Any other database: the folded text, term by term (no start-of-a-word rule there).
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=" ".join(term))
    return condition
