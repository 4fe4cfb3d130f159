"""Forum search: within one group's forum, or across the forums a member belongs to.

Case- and accent-insensitive, and word forms meet ("deuil" finds "deuils"). One code path per
database, chosen by connection.vendor:

- SQLite: PostSearchEntry.search_text holds the folded, stemmed words (forums.search_text);
  each query word, stemmed the same way, must start a word there (LIKE '% stem%').
- PostgreSQL: its full-text search. PostSearchEntry.vector is to_tsvector(<configuration of
  the group's language>, folded text) and the query is a prefix tsquery in that same
  configuration, so PostgreSQL's own stemmer treats both sides alike.

Each row remembers the language it was indexed in; a query is stemmed in every language and
each row is met in its own, so one search spans groups in French, German, Italian, English.
Hidden posts and posts deleted by their author never appear."""

import html
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from entraide.models import GroupLanguage, Membership
from entraide.models.groups import GroupLanguageCode

from .models import Post, PostSearchEntry, WarningChoice
from .search_text import LANGUAGES, indexed_text, stems, words
from .selectors import warning_labels, warning_mode, warning_preferences

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
RESULTS_PER_PAGE = 20
EXCERPT_WORDS = 40
POSTGRES_CONFIGS = {"fr": "french", "de": "german", "it": "italian", "en": "english"}


# --- Writing the index -------------------------------------------------------------------------

def group_search_language(group) -> str:
    """The group's first language in the platform's order (French, German, Italian, English)."""
    codes = set(GroupLanguage.objects.filter(group=group).values_list("code", flat=True))
    return next((code for code in GroupLanguageCode.values if code in codes), "fr")


def post_search_index(post: Post) -> None:
    """Called by the post services after every write: a deleted or hidden-by-deletion post
    leaves the index at once; the first post of a thread carries the thread's title."""
    if post.is_deleted or not post.body:
        PostSearchEntry.objects.filter(post_id=post.pk).delete()
        return
    text = f"{post.thread.title}\n{post.body}" if post.number == 1 else post.body
    language = group_search_language(post.group)
    PostSearchEntry.objects.update_or_create(
        post_id=post.pk, defaults={"language": language, "search_text": indexed_text(text, language)}
    )
    if connection.vendor == "postgresql":
        PostSearchEntry.objects.filter(post_id=post.pk).update(
            vector=SearchVector(Value(" ".join(words(text))), config=POSTGRES_CONFIGS[language])
        )


# --- Reading the query -------------------------------------------------------------------------

@dataclass
class SearchQueryText:
    q: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return words(self.q)

    @classmethod
    def from_params(cls, params) -> "SearchQueryText":
        """Any input is accepted: control characters dropped, length and number of words
        capped with a message saying so. Never an error page."""
        raw = params.get("q", "") or ""
        raw = " ".join("".join(ch if ch.isprintable() else " " for ch in raw).replace("\ufffd", " ").split())
        terms = raw.split()
        q = " ".join(terms[:MAX_TERMS])[:MAX_QUERY_LENGTH].strip()
        query = cls(q=q)
        if q != raw:
            query.errors.append(
                _("Votre recherche était trop longue : seuls ses %(count)s premiers mots ou %(length)s "
                  "premiers caractères ont été utilisés.") % {"count": MAX_TERMS, "length": MAX_QUERY_LENGTH}
            )
        if q and not query.words:
            query.errors.append(_("Votre recherche ne contient aucun mot : essayez avec des lettres ou des chiffres."))
        return query


def _matching_condition(query: SearchQueryText) -> Q:
    if connection.vendor == "postgresql":
        raw = " & ".join(f"{word}:*" for word in query.words)
        branches = [
            Q(search_entry__language=language,
              search_entry__vector=SearchQuery(raw, config=POSTGRES_CONFIGS[language], search_type="raw"))
            for language in LANGUAGES
        ]
    else:
        # Stemmed from what the member typed, accents included, as the stored text was; the
        # folded words stand in for a query of letters that only folding turns into words.
        branches = [
            Q(search_entry__language=language)
            & reduce(and_, [Q(search_entry__search_text__contains=f" {stem}")
                            for stem in stems(query.q, language) or query.words])
            for language in LANGUAGES
        ]
    return reduce(or_, branches)


def _visible(posts: QuerySet) -> QuerySet:
    return posts.filter(deleted_by_author_at__isnull=True, hidden_at__isnull=True)


def matching_posts(posts: QuerySet, query: SearchQueryText) -> QuerySet:
    if not query.words:
        return posts.none()
    return (
        _visible(posts)
        .filter(_matching_condition(query))
        .select_related("thread", "group", "author")
        .annotate(search_language=F("search_entry__language"))
        .order_by("-created_at", "-pk")
    )


# --- Results -----------------------------------------------------------------------------------

@dataclass
class Segment:
    """A word of an excerpt; the template puts a space between two."""
    text: str
    is_match: bool = False


def excerpt(post: Post, query_text: str, language: str) -> list[Segment]:
    """About EXCERPT_WORDS words of the post's text around the first match, matches marked.
    Read from the stored HTML, stripped of its tags: what the member sees, without Markdown."""
    tokens = html.unescape(strip_tags(post.body_html)).split()
    query_stems = set(stems(query_text, language))

    def matches(token: str) -> bool:
        return any(stem.startswith(query_stem) for stem in stems(token, language) for query_stem in query_stems)

    first = next((index for index, token in enumerate(tokens) if matches(token)), 0)
    start = max(0, first - EXCERPT_WORDS // 4)
    segments = [Segment("…")] if start else []
    segments += [Segment(token, matches(token)) for token in tokens[start:start + EXCERPT_WORDS]]
    if start + EXCERPT_WORDS < len(tokens):
        segments.append(Segment("…"))
    return segments


@dataclass
class SearchResults:
    query: SearchQueryText
    page: Page | None
    searched: bool


def _page(posts: QuerySet, query: SearchQueryText, user, page_number, muted_ids) -> SearchResults:
    if not query.words:
        return SearchResults(query=query, page=None, searched=False)
    page = Paginator(matching_posts(posts, query), RESULTS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    preferences = warning_preferences(user)
    for post in page.object_list:
        post.is_mine = user.is_authenticated and post.author_id == user.pk
        # As on the thread page: an anonymous post is never shown as "muted", which would say who wrote it.
        post.is_muted = not post.is_anonymous and post.author_id in muted_ids
        post.warning_mode = warning_mode(post, preferences) if post.content_warnings else WarningChoice.SHOW
        post.warning_labels = warning_labels(post)
        post.excerpt = excerpt(post, query.q, post.search_language)
    return SearchResults(query=query, page=page, searched=True)


def forum_search(standing, query: SearchQueryText, page_number) -> SearchResults:
    """One group's forum, for a reader whose standing the caller has checked may read it
    (forums.permissions.check_read_forum); the members they muted or blocked fold away."""
    return _page(Post.objects.filter(group=standing.group), query, standing.user, page_number, standing.silenced_ids)


def member_forums_search(user, query: SearchQueryText, page_number, *, muted_ids=frozenset()) -> SearchResults:
    """Every forum of every group `user` belongs to (and only those); `muted_ids`: the members
    whose posts fold away for them."""
    groups = Membership.objects.filter(user=user).values("group_id")
    return _page(Post.objects.filter(group_id__in=groups), query, user, page_number, muted_ids)
