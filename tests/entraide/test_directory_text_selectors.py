"""The full-text index follows every write to a group, and the kept counts follow the index."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from entraide.models import Group, Theme, Visibility
from entraide.selectors.directory import DirectoryQuery, directory_search
from entraide.selectors.directory_counts import forget_unfiltered_counts
from entraide.selectors.directory_text import search_words
from entraide.services.groups import group_stop, group_update
from entraide.services.taxonomy import taxonomy_save
from tests.factories import UserFactory, make_group

pytestmark = pytest.mark.django_db


def search(query_string: str):
    return directory_search(DirectoryQuery.from_params(QueryDict(query_string)))


def names(result) -> list[str]:
    return [card.group.name for card in result.cards]


def curator():
    from entraide.admin_site import curator_permissions

    user = UserFactory(is_staff=True)
    user.user_permissions.set(curator_permissions())
    return user


def test_words_are_folded_and_split_where_the_index_splits_them():
    assert search_words("  L'ÉPILEPSIE  Straße_x parlons-en ") == [["l", "epilepsie"], ["strasse", "x"],
                                                                   ["parlons", "en"]]
    assert search_words("« — »") == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 triggers are SQLite's")
def test_the_sqlite_index_triggers_are_there_after_every_migration():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entraide_group'")
        triggers = {row[0] for row in cursor.fetchall()}
    assert {"entraide_group_fts_insert", "entraide_group_fts_update", "entraide_group_fts_delete"} <= triggers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_the_postgresql_gin_index_is_on_the_stored_search_vector():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'entraide_group_search_fts'")
        assert "gin (search_vector)" in cursor.fetchone()[0]
        cursor.execute("SELECT is_generated, generation_expression FROM information_schema.columns "
                       "WHERE table_name = 'entraide_group' AND column_name = 'search_vector'")
        generated, expression = cursor.fetchone()
    assert generated == "ALWAYS" and "search_text" in expression


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's")
def test_a_search_walks_the_groups_by_name_on_the_stored_vector_without_computing_it_again():
    make_group(name="Deuil en ligne", themes=("grief",))
    with CaptureQueriesContext(connection) as captured:
        assert names(search("q=deuil")) == ["Deuil en ligne"]
    page = next(query["sql"] for query in captured.captured_queries
                if query["sql"].startswith('SELECT "entraide_group"."id"') and "LIMIT" in query["sql"])
    assert "search_vector @@" in page
    assert "to_tsvector" not in page and "SELECT id FROM entraide_group" not in page


def test_a_renamed_group_is_found_by_its_new_name_only():
    group = make_group(name="Épilepsie entre nous")
    group_update(actor=group.created_by, group=group, name="Crises et quotidien")
    assert names(search("q=quotid")) == ["Crises et quotidien"]
    assert names(search("q=entre+nous")) == []


def test_a_group_written_in_bulk_is_found_and_a_deleted_one_is_not():
    group = make_group(name="Deuil en ligne", themes=("grief",))
    Group.objects.filter(pk=group.pk).update(search_text="groupe renomme en vrac")
    assert names(search("q=vrac")) == ["Deuil en ligne"]
    Group.objects.filter(pk=group.pk).delete()
    # A write outside the group services must move the counts' token itself.
    forget_unfiltered_counts()
    assert search("q=vrac").total == 0


def test_a_renamed_theme_finds_its_groups_by_the_new_name_at_once():
    make_group(name="Après la perte", themes=("grief",))
    assert search("q=lutto").total == 1
    theme = Theme.objects.get(code="grief")
    theme.name_it = "Perdita"
    taxonomy_save(actor=curator(), obj=theme, changed_fields=["name_it"])
    assert (search("q=lutto").total, search("q=perdit").total) == (0, 1)


def test_a_filtered_search_asked_again_is_counted_again_once_a_group_changes():
    group = make_group(name="Deuil à Genève", themes=("grief",), format="in_person")
    assert search("q=deuil&format=online").total == 0
    group_update(actor=group.created_by, group=group, format="online")
    assert search("q=deuil&format=online").total == 1
    make_group(name="Deuil en ligne", themes=("grief",), format="online")
    assert search("q=deuil&format=online").total == 2
    group_update(actor=group.created_by, group=group, visibility=Visibility.UNLISTED)
    assert search("q=deuil&format=online").total == 1


def test_a_stopped_group_leaves_the_counts_of_a_search_at_once():
    group = make_group(name="Deuil à Genève", themes=("grief",))
    assert search("theme=grief&q=gen").total == 1
    group_stop(actor=None, group=group)
    result = search("theme=grief&q=gen")
    assert result.total == 0
    assert names(result) == []
