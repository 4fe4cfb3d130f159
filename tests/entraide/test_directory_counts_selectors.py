"""The unfiltered directory keeps its counts until a group's facts change."""

from types import SimpleNamespace

import pytest
from django.contrib.admin.sites import site
from django.http import QueryDict

from entraide.admin_site import curator_permissions
from entraide.models import Sector, Theme, Visibility
from entraide.selectors import directory_counts
from entraide.selectors.directory import DirectoryQuery, directory_search
from entraide.services.groups import group_update
from tests.factories import UserFactory, make_group

pytestmark = pytest.mark.django_db


def search(query_string: str = ""):
    return directory_search(DirectoryQuery.from_params(QueryDict(query_string)))


def facet(result, name):
    return {option.value: option.count for option in next(f for f in result.facets if f.name == name).options}


def test_the_unfiltered_directory_counts_once_then_reads_the_page_only(django_assert_num_queries):
    for number in range(3):
        make_group(name=f"Groupe {number}", themes=("grief",))
    with django_assert_num_queries(8):
        first = search()
    # Taxonomy (2), the page, its themes and languages, and the listings from elsewhere (one per
    # source of registry.directory_listings: they are not kept with the counts).
    with django_assert_num_queries(6):
        again = search()
    assert again.total == first.total == 3
    assert facet(again, "theme") == facet(first, "theme") == {"grief": 3}


def test_a_new_group_is_counted_at_once():
    make_group(name="Deuil", themes=("grief",))
    assert search().total == 1
    make_group(name="Épilepsie", themes=("epilepsy",), format="online")
    result = search()
    assert result.total == 2
    assert facet(result, "theme") == {"grief": 1, "epilepsy": 1}


def test_changed_facts_and_visibility_are_counted_at_once():
    group = make_group(name="Deuil", themes=("grief",), format="in_person")
    assert facet(search(), "format")["in_person"] == 1
    group_update(actor=group.created_by, group=group, format="online")
    assert facet(search(), "format") == {"in_person": 0, "online": 1, "hybrid": 0}
    group_update(actor=group.created_by, group=group, visibility=Visibility.UNLISTED)
    assert search().total == 0


def test_a_filtered_search_counts_for_itself():
    make_group(name="Deuil", themes=("grief",), format="online")
    make_group(name="Épilepsie", themes=("epilepsy",), format="in_person")
    assert search().total == 2
    filtered = search("format=online")
    assert filtered.total == 1
    assert facet(filtered, "theme") == {"grief": 1}


def test_the_counts_are_forgotten_again_once_the_change_is_committed(django_capture_on_commit_callbacks):
    search()
    before = directory_counts._version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_group(name="Deuil", themes=("grief",))
    during = directory_counts._version()
    for callback in callbacks:
        callback()
    assert len({before, during, directory_counts._version()}) == 3


def test_moving_a_theme_to_another_sector_in_the_admin_counts_again():
    make_group(name="Deuil", themes=("grief",))
    theme = Theme.objects.select_related("sector").get(code="grief")
    first, other = theme.sector, Sector.objects.exclude(pk=theme.sector_id).first()
    assert (facet(search(), "sector")[first.code], facet(search(), "sector")[other.code]) == (1, 0)
    theme.sector = other
    curator = UserFactory(is_staff=True)
    curator.user_permissions.set(curator_permissions())
    site._registry[Theme].save_model(request=SimpleNamespace(user=curator), obj=theme,
                                     form=SimpleNamespace(changed_data=["sector"]), change=True)
    assert (facet(search(), "sector")[first.code], facet(search(), "sector")[other.code]) == (0, 1)
