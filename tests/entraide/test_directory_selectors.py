from django.http import QueryDict

from entraide.models import Visibility
from entraide.selectors.directory import MAX_QUERY_LENGTH, DirectoryQuery, directory_search
from tests.factories import make_group


def search(query_string: str, **kwargs):
    return directory_search(DirectoryQuery.from_params(QueryDict(query_string)), **kwargs)


def names(result) -> list[str]:
    return [card.group.name for card in result.cards]


def facet(result, name):
    return {option.value: option.count for option in next(f for f in result.facets if f.name == name).options}


def test_search_without_accents_finds_a_name_with_accents(db):
    make_group(name="Épilepsie entre nous", description="On parle de crises et de traitements.")
    assert names(search("q=epilepsie")) == ["Épilepsie entre nous"]
    assert names(search("q=ÉPILEPSIE")) == ["Épilepsie entre nous"]


def test_search_is_case_insensitive_and_finds_theme_names(db):
    make_group(name="Après la perte", themes=("grief",), description="Se soutenir après une perte.")
    assert names(search("q=deuil")) == ["Après la perte"]
    assert names(search("q=DEUIL")) == ["Après la perte"]
    assert names(search("q=trauer")) == ["Après la perte"]


def test_every_word_of_the_search_must_match(db):
    make_group(name="Deuil à Genève", themes=("grief",))
    make_group(name="Deuil en ligne", themes=("grief",))
    assert names(search("q=deuil+geneve")) == ["Deuil à Genève"]


def test_unlisted_groups_are_absent(db):
    make_group(name="Groupe discret", visibility=Visibility.UNLISTED)
    make_group(name="Groupe visible")
    result = search("q=groupe")
    assert names(result) == ["Groupe visible"]
    assert result.total == 1
    assert sum(facet(result, "format").values()) == 1


def test_facet_counts_ignore_their_own_filter_but_apply_the_others(db):
    make_group(name="A", format="online", themes=("grief",))
    make_group(name="B", format="online", themes=("epilepsy",))
    make_group(name="C", format="in_person", themes=("grief",))
    result = search("format=online&theme=grief")
    assert names(result) == ["A"]
    assert facet(result, "format") == {"online": 1, "in_person": 1, "hybrid": 0}
    assert facet(result, "theme") == {"grief": 1, "epilepsy": 1}
    assert facet(result, "sector")["life-events"] == 1


def test_language_and_region_facets_count_groups(db):
    make_group(name="A", languages=("fr", "de"), region_code="vd")
    make_group(name="B", languages=("de",), region_code="vd")
    result = search("")
    assert facet(result, "language") == {"fr": 1, "de": 2, "it": 0, "en": 0}
    assert facet(result, "region") == {"vd": 2}
    assert names(search("language=fr")) == ["A"]


def test_sector_filter_keeps_groups_with_a_theme_of_that_sector(db):
    make_group(name="A", themes=("grief", "epilepsy"))
    make_group(name="B", themes=("alcohol",))
    result = search("sector=illness")
    assert names(result) == ["A"]
    assert facet(result, "sector")["illness"] == 1
    assert facet(result, "sector")["dependency"] == 1


def test_unknown_facet_values_are_ignored_and_said(db):
    make_group(name="A")
    result = search("theme=nope&format=teleport&region=mars&kind=x&language=xx&sector=%FF")
    assert names(result) == ["A"]
    assert result.query.active_filters() == {}
    assert len(result.query.errors) == 6


def test_control_characters_are_dropped_from_the_search(db):
    make_group(name="Deuil", themes=("grief",))
    query = DirectoryQuery.from_params(QueryDict("q=%00deuil%07"))
    assert query.q == "deuil"
    assert directory_search(query).total == 1


def test_an_overlong_search_is_shortened_and_said(db):
    query = DirectoryQuery.from_params(QueryDict("q=" + "a" * 10_000))
    assert len(query.q) == MAX_QUERY_LENGTH
    assert query.errors


def test_repeated_parameters_keep_the_first_value_and_say_so(db):
    query = DirectoryQuery.from_params(QueryDict("format=online&format=hybrid"))
    assert query.format == "online"
    assert query.errors


def test_a_page_number_that_is_not_a_number_gives_the_first_page(db):
    for _ in range(3):
        make_group(name=f"Groupe {_}")
    for page in ("abc", "-1", "0", "1.5"):
        result = search(f"page={page}", page_size=2)
        assert result.page.number == 1
        assert result.query.errors


def test_a_page_beyond_the_last_gives_the_last_page(db):
    for number in range(3):
        make_group(name=f"Groupe {number}")
    result = search("page=99999", page_size=2)
    assert result.page.number == 2
    assert names(result) == ["Groupe 2"]
    assert result.query.errors


def test_pages_hold_the_given_number_of_groups_in_name_order(db):
    for number in range(5):
        make_group(name=f"Groupe {number}")
    assert names(search("page=2", page_size=2)) == ["Groupe 2", "Groupe 3"]


def test_when_nothing_matches_the_searched_theme_is_recognised(db):
    result = search("q=huntington")
    assert result.total == 0
    assert result.theme.code == "huntington"


def test_the_chosen_theme_and_region_are_given_back(db):
    result = search("theme=grief&region=vd")
    assert (result.theme.code, result.region.code) == ("grief", "vd")


def test_query_count_does_not_grow_with_the_number_of_results(db, django_assert_num_queries):
    for number in range(5):
        make_group(name=f"Deuil {number}", themes=("grief", "caregivers"), languages=("fr", "de"))
    # Taxonomy (2), column facets, the other facets, the page, its themes and languages, and
    # one per source of listings from elsewhere (registry.directory_listings).
    with django_assert_num_queries(8):
        assert search("q=deuil&language=fr").total == 5
    for number in range(5, 60):
        make_group(name=f"Deuil {number}", themes=("grief", "caregivers"), languages=("fr", "de"))
    with django_assert_num_queries(8):
        assert search("q=deuil&language=fr").total == 60
    # Asked again while no group changed: the counts are kept, the page is read.
    with django_assert_num_queries(6):
        assert search("q=deuil&language=fr").total == 60


def test_a_search_without_words_takes_as_many_queries(db, django_assert_num_queries):
    for number in range(3):
        make_group(name=f"Deuil {number}", themes=("grief",))
    with django_assert_num_queries(8):
        assert search("theme=grief&format=online").total == 3
