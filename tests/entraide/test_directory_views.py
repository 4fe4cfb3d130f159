import re

import pytest

from entraide.models import GroupKind, Visibility
from tests.conftest import assert_valid_html
from tests.factories import make_group


def page(client, query_string="", status=200):
    response = client.get("/groups/" + (f"?{query_string}" if query_string else ""))
    assert response.status_code == status
    assert_valid_html(response)
    return response.content.decode()


def test_the_directory_lists_listed_groups_with_their_count(client, db):
    make_group(name="Épilepsie entre nous")
    make_group(name="Caché", visibility=Visibility.UNLISTED)
    html = page(client)
    assert "1 groupe<" in html
    assert "Épilepsie entre nous" in html
    assert "Caché" not in html


def test_a_search_without_accents_finds_the_group(client, db):
    group = make_group(name="Épilepsie entre nous")
    html = page(client, "q=epilepsie")
    assert f'href="{group.get_absolute_url()}"' in html
    assert "1 groupe<" in html


def test_a_card_shows_what_a_visitor_needs_to_choose(client, db):
    make_group(
        name="Huntington ensemble", themes=("huntington",), languages=("fr", "de"), region_code="vd",
        audience="relatives", format="hybrid", rhythm="weekly", rhythm_note="le mardi soir",
    )
    html = page(client)
    card = html[html.index('<li class="card">'):]
    for text in ("Huntington ensemble", "Maladie de Huntington", "mise en contact possible", "Proches",
                 "Hybride", "Vaud", "Français, Deutsch", "Chaque semaine", "le mardi soir", "1 membre"):
        assert text in card


def test_professionally_guided_groups_say_they_are_not_self_managed(client, db):
    make_group(name="Groupe guidé", kind=GroupKind.PROFESSIONAL)
    make_group(name="Groupe autogéré")
    html = page(client)
    guided = html[html.index("Groupe guidé"):]
    assert "pas un groupe autogéré" in guided[: guided.index("</li>")]
    own = html[html.index("Groupe autogéré</a>"):]
    assert "pas un groupe autogéré" not in own[: own.index("</li>")]


def test_facets_show_counts_and_keep_the_chosen_values(client, db):
    make_group(name="A", format="online", themes=("grief",))
    make_group(name="B", format="in_person", themes=("grief",))
    html = page(client, "format=online&theme=grief")
    assert "1 groupe<" in html
    assert re.search(r'value="online" checked>\s*<label for="facet-format-online">En ligne <span class="facet-count">\(1', html)
    assert re.search(r'<label for="facet-format-in_person">En présentiel <span class="facet-count">\(1', html)
    assert re.search(r'value="grief" checked', html)
    assert "<legend>Format</legend>" in html
    assert "Retirer tous les filtres" in html
    assert 'href="/groups/?theme=grief"' in html  # removes the format filter, keeps the theme


def test_the_remove_all_filters_link_keeps_the_search_words(client, db):
    html = page(client, "q=deuil&format=online")
    assert 'href="/groups/?q=deuil">Retirer tous les filtres' in html


def test_results_come_twenty_per_page_and_page_links_keep_the_query(client, db):
    for number in range(23):
        make_group(name=f"Deuil {number:02d}", themes=("grief",))
    html = page(client, "q=deuil&format=online")
    assert "23 groupes<" in html
    assert html.count('<li class="card">') == 20
    assert 'href="?q=deuil&amp;format=online&amp;page=2" rel="next"' in html
    second = page(client, "q=deuil&format=online&page=2")
    assert second.count('<li class="card">') == 3
    assert "Deuil 22" in second
    assert 'href="?q=deuil&amp;format=online&amp;page=1" rel="prev"' in second


def test_when_nothing_matches_with_a_known_theme_three_ways_forward_are_offered(member_client, db):
    html = page(member_client, "theme=huntington&region=vd")
    assert "0 groupe" in html
    assert 'href="/groups/new/?theme=huntington"' in html
    assert 'href="/groups/?theme=huntington&amp;format=online"' in html
    form = html[html.index('action="/contact/wishes/"') - 30:]
    assert form.startswith('<form method="post"') or 'method="post" action="/contact/wishes/"' in html
    assert re.search(r'<option value="huntington" selected>', html)
    assert re.search(r'<option value="vd" selected>', html)


def test_a_search_naming_a_theme_is_understood_when_nothing_matches(client, db):
    html = page(client, "q=huntington")
    assert 'href="/groups/new/?theme=huntington"' in html


def test_without_a_known_theme_a_theme_picker_leads_to_online_groups(client, db):
    html = page(client, "q=zzzz")
    assert 'href="/groups/new/"' in html
    assert re.search(r'<input type="hidden" name="format" value="online">\s*<p><label for="online-theme">', html)


def test_anonymous_visitors_looking_for_others_go_through_the_login_page(client, db):
    html = page(client, "theme=huntington")
    assert 'method="get" action="/contact/wishes/"' in html
    response = client.get("/contact/wishes/?theme=huntington&region=vd")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/contact/wishes/%3Ftheme%3Dhuntington")


@pytest.mark.parametrize(
    "query_string",
    [
        "theme=nope",
        "format=teleport&kind=%3Cscript%3E",
        "page=abc",
        "page=99999",
        "page=-1",
        "q=" + "x" * 10_000,
        "q=deuil&q=autre&theme=grief&theme=cancer",
        "q=%FF%FE%00",
        "region=%C3%28&sector=%E2%82",
        "%FF=%FF",
    ],
)
def test_a_malformed_query_string_gives_a_page_with_a_clear_message(client, db, query_string):
    make_group(name="Deuil", themes=("grief",))
    html = page(client, query_string)
    if query_string != "%FF=%FF":
        assert "Une partie de votre recherche n'a pas pu être utilisée" in html


def test_other_methods_than_get_are_refused(client, db):
    assert client.post("/groups/").status_code == 405


def test_the_page_takes_as_many_queries_for_sixty_groups_as_for_five(client, db, django_assert_num_queries):
    for number in range(5):
        make_group(name=f"Deuil {number}", themes=("grief", "caregivers"), languages=("fr", "de"))
    # One more per source of listings from elsewhere (registry.directory_listings).
    with django_assert_num_queries(8):
        html = page(client, "q=deuil&language=fr")
    assert "5 groupes<" in html
    for number in range(5, 60):
        make_group(name=f"Deuil {number}", themes=("grief", "caregivers"), languages=("fr", "de"))
    with django_assert_num_queries(8):
        html = page(client, "q=deuil&language=fr")
    assert "60 groupes<" in html
