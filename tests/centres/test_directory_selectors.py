"""External listings in the directory: found with their label, counted by the facets, and the
region's centre as the contact when nothing is found or the theme is rare."""

import pytest
from django.http import QueryDict

from entraide.selectors.directory import DirectoryQuery, directory_search
from tests.factories import make_group, theme

from .builders import make_centre, make_listing

pytestmark = pytest.mark.django_db


def search(query_string=""):
    return directory_search(DirectoryQuery.from_params(QueryDict(query_string)))


def facet(result, name):
    return {option.value: option.count for option in next(f for f in result.facets if f.name == name).options}


@pytest.fixture
def vaud():
    centre = make_centre(phone="+41 21 000 00 00")
    make_listing(centre, name="Groupe deuil de Lausanne")
    make_listing(centre, name="Forum des proches", kind="forum", theme_code="caregivers", region_code="online",
                 format="online", language="de")
    return centre


def test_external_listings_are_found_by_their_words_and_filters(vaud):
    assert [listing.name for listing in search("q=lausanne").elsewhere.found] == ["Groupe deuil de Lausanne"]
    assert [listing.name for listing in search("format=online").elsewhere.found] == ["Forum des proches"]
    assert search("kind=self_managed").elsewhere.total == 0


def test_facets_count_external_listings_with_the_groups(vaud):
    make_group(name="Deuil en ligne", themes=("grief",))
    result = search("theme=grief")
    assert facet(result, "theme")["grief"] == 2
    assert facet(result, "theme")["caregivers"] == 1
    assert facet(result, "format") == {"online": 1, "in_person": 1, "hybrid": 0}
    assert facet(result, "region")["vd"] == 1
    assert result.total == 1 and result.elsewhere.total == 1


def test_the_unfiltered_directory_counts_new_listings_at_once(vaud):
    assert facet(search(), "language")["de"] == 1
    make_listing(vaud, name="Zweites Forum", language="de", kind="forum", format="online", region_code="online")
    assert facet(search(), "language")["de"] == 2


def test_the_query_count_grows_by_one_source_not_by_listings(vaud, django_assert_num_queries):
    make_group(name="Deuil 1", themes=("grief",))
    search("theme=grief&format=online")
    # The groups' counts are kept (entraide.selectors.directory_counts); listings are read afresh.
    with django_assert_num_queries(6):
        search("theme=grief&format=online")
    for number in range(10):
        make_listing(vaud, name=f"Groupe {number}")
    with django_assert_num_queries(6):
        search("theme=grief&format=online")
