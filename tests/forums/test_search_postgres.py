"""Forum search on PostgreSQL: its full-text search, in the configuration of each group's
language. Runs with DATABASE_URL pointing to PostgreSQL (make test-services), skipped otherwise."""

import pytest
from django.db import connection

from entraide.standing import read_standing
from forums.models import PostSearchEntry
from forums.search import SearchQueryText, forum_search, member_forums_search
from forums.services.posts import post_delete
from tests.factories import join, make_group

from .builders import a_thread, forum

pytestmark = [pytest.mark.django_db, pytest.mark.services]


def found(group, user, text):
    results = forum_search(read_standing(user, group), SearchQueryText.from_params({"q": text}), 1)
    return [post.body for post in results.page.object_list] if results.page else []


def test_the_index_stores_a_tsvector_in_the_groups_language_configuration():
    assert connection.vendor == "postgresql"
    group, _moderator, member = forum()
    post = a_thread(group, member, body="Mes deuils").posts.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM forums_postsearchentry WHERE post_id = %s", [post.pk])
        vector = cursor.fetchone()[0]
    # french stems "deuils" to "deuil" (and drops the stop word "mes")
    assert "'deuil'" in vector and "mes" not in vector


@pytest.mark.parametrize("text", ["deuil", "DEUILS", "déuil", "deu"])
def test_french_search_ignores_case_accents_plural_and_finds_word_beginnings(text):
    group, _moderator, member = forum()
    a_thread(group, member, body="Après mes deuils, l'Épilepsie.")
    assert found(group, member, text) == ["Après mes deuils, l'Épilepsie."]


def test_accents_are_ignored_on_both_sides():
    group, _moderator, member = forum()
    a_thread(group, member, body="Vivre avec l'épilepsie")
    assert found(group, member, "EPILEPSIE") == ["Vivre avec l'épilepsie"]


def test_german_search_uses_the_german_configuration():
    group = make_group(name="Trauergruppe", languages=("de",))
    author = group.created_by
    a_thread(group, author, title="Austausch", body="Wir trauern gemeinsam.")
    assert PostSearchEntry.objects.get(post__group=group).language == "de"
    assert found(group, author, "Trauer") == ["Wir trauern gemeinsam."]


def test_every_word_must_be_found_and_deleted_posts_leave_the_index():
    group, _moderator, member = forum()
    kept = a_thread(group, member, body="Épilepsie et sommeil.")
    gone = a_thread(group, member, title="Autre", body="Épilepsie et travail.")
    post_delete(actor=member, post=gone.posts.get())
    assert found(group, member, "epilepsie") == ["Épilepsie et sommeil."]
    assert found(group, member, "epilepsie travail") == []
    assert kept.posts.get().search_entry.vector is not None


def test_one_search_spans_groups_in_different_languages():
    group, _moderator, member = forum()
    german = make_group(name="Trauer zusammen", languages=("de",))
    join(german, member)
    a_thread(group, member, body="Mon deuil.")
    a_thread(german, member, body="Unsere Trauer.")
    results = member_forums_search(member, SearchQueryText.from_params({"q": "trauern"}), 1)
    assert [post.body for post in results.page.object_list] == ["Unsere Trauer."]


def test_query_syntax_characters_cannot_break_the_tsquery():
    group, _moderator, member = forum()
    a_thread(group, member, body="deuil")
    assert found(group, member, "deuil & | ! ( ) : * '") == ["deuil"]
    for text in ("'; DROP TABLE", "\\", "a:*b", "!!"):
        assert found(group, member, text) == []
