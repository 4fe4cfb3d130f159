"""The funders' page and its CSV files: staff only, counts under 5 never shown as numbers."""

import csv
import io

import pytest

from centres.selectors.figures import funder_figures
from centres.views.figures import _cell
from entraide import registry
from entraide.selectors.figures import last_months
from tests.conftest import assert_valid_html
from tests.factories import PASSWORD, UserFactory, make_group

from .builders import make_centre

pytestmark = pytest.mark.django_db


def logged_in(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


def groups_in(region_code, count, *, first=0):
    for n in range(first, first + count):
        make_group(name=f"Groupe {region_code} {n}", region_code=region_code, themes=("grief",))


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(b"".join(response).decode() if response.streaming else
                                       response.content.decode())))


@pytest.mark.parametrize(("count", "shown"), [(4, "moins de 5"), (5, "5"), (6, "6")])
def test_the_threshold_of_five_holds_in_the_page_the_chart_and_the_csv(client, count, shown):
    centre = make_centre(regions=("vd",))
    groups_in("vd", count)
    client = logged_in(client, centre.staff_member)
    page = client.get(f"/centres/{centre.pk}/figures/")
    assert page.status_code == 200
    assert_valid_html(page)
    html = page.content.decode()
    section = html[html.index('id="figure-groups_by_region"'):html.index('id="figure-groups_created"')]
    assert f"<th scope=\"row\">Vaud</th><td>{shown}</td>" in section
    chart = section[section.index("<svg"):section.index("</svg>")]
    assert f">{shown}</text>" in chart
    if count < 5:
        assert "stroke-dasharray" in chart and f">{count}<" not in chart
    rows = csv_rows(client.get(f"/centres/{centre.pk}/figures/groups_by_region.csv"))
    assert rows[1] == ["Vaud", shown]
    by_theme = csv_rows(client.get(f"/centres/{centre.pk}/figures/groups_by_theme.csv"))
    assert ["Deuil", shown] in by_theme
    months = csv_rows(client.get(f"/centres/{centre.pk}/figures/groups_created.csv"))
    assert months[-1][1] == shown and len(months) == 13


def test_centre_staff_see_their_centres_figures_and_the_platforms_but_not_another_centres(client):
    centre = make_centre(regions=("vd",))
    other = make_centre(name="Centre Zurich", regions=("zh",))
    client = logged_in(client, centre.staff_member)
    assert client.get(f"/centres/{centre.pk}/figures/").status_code == 200
    assert client.get("/figures/").status_code == 200
    assert client.get("/figures/groups_by_region.csv").status_code == 200
    assert client.get(f"/centres/{other.pk}/figures/").status_code == 403
    assert client.get(f"/centres/{other.pk}/figures/groups_by_region.csv").status_code == 403


def test_platform_staff_see_every_centres_figures(client):
    centres = [make_centre(regions=("vd",)), make_centre(name="Centre Zurich", regions=("zh",))]
    client = logged_in(client, UserFactory(is_staff=True))
    for centre in centres:
        assert client.get(f"/centres/{centre.pk}/figures/").status_code == 200
        assert client.get(f"/centres/{centre.pk}/figures/members.csv").status_code == 200
    assert client.get("/figures/").status_code == 200


def test_members_see_no_figures_and_visitors_are_sent_to_sign_in(client):
    centre = make_centre(regions=("vd",))
    group_creator = UserFactory()
    make_group(group_creator, region_code="vd")
    for url in (f"/centres/{centre.pk}/figures/", "/figures/", "/figures/groups_by_theme.csv",
                f"/centres/{centre.pk}/figures/groups_by_theme.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client = logged_in(client, group_creator)
    for url in (f"/centres/{centre.pk}/figures/", "/figures/", "/figures/groups_by_theme.csv",
                "/figures/no-such-figure.csv"):
        assert client.get(url).status_code == 403


def test_an_unknown_figure_or_centre_is_not_found_and_a_post_is_refused(client):
    centre = make_centre(regions=("vd",))
    client = logged_in(client, UserFactory(is_staff=True))
    assert client.get("/figures/no-such-figure.csv").status_code == 404
    assert client.get(f"/centres/{centre.pk}/figures/no-such-figure.csv").status_code == 404
    assert client.get("/centres/99999999999999999999/figures/").status_code == 404
    assert client.get("/centres/99999999999999999999/figures/members.csv").status_code == 404
    assert client.get("/centres/999999/figures/").status_code == 404
    assert client.post("/figures/").status_code == 405


def test_the_centres_page_says_which_regions_its_figures_count_and_what_has_no_region(client):
    centre = make_centre(regions=("vd", "ge"))
    client = logged_in(client, centre.staff_member)
    html = client.get(f"/centres/{centre.pk}/figures/").content.decode()
    assert "Les groupes du centre sont ceux des régions qu'il sert" in html
    assert "Genève" in html and "Vaud" in html
    pairings = html[html.index('id="figure-pairings"'):]
    assert "ce nombre est celui de toute la plateforme" in pairings[:600]
    assert client.get(f"/centres/{centre.pk}/").content.decode().count(f"/centres/{centre.pk}/figures/") == 1


def test_a_csv_cell_that_a_spreadsheet_would_run_is_defused():
    for text in ("=SUM(A1)", "+1", "-1", "@cmd", "\t=1"):
        assert _cell(text).startswith("'")
    assert _cell("Vaud") == "Vaud"


# The listening line's figure reads two tables: the conversations kept, the tally of those erased.
QUERIES_OF = {"line_conversations": 2}


def test_each_figure_is_counted_in_one_query_whatever_the_number_of_groups(django_assert_num_queries):
    centre = make_centre(regions=("vd",))
    regions, months = list(centre.regions.all()), last_months()
    groups_in("vd", 3)
    for name, source in registry.funder_figures.items():
        with django_assert_num_queries(QUERIES_OF.get(name, 1)):
            source.count(regions=None, months=months)
        # A figure that has no region answers None for a centre at once, asking nothing.
        platform_only = name in ("pairings", "line_conversations")
        with django_assert_num_queries(0 if platform_only else 1):
            assert (source.count(regions=regions, months=months) is None) is platform_only


def page_queries(client, url, django_assert_max_num_queries):
    """The queries a page made, but the session's and the header badge's (read from the cache
    when there is one)."""
    with django_assert_max_num_queries(100) as queries:
        assert client.get(url).status_code == 200
    return [query for query in queries.captured_queries 
            if "notifications_" not in query["sql"] and "django_session" not in query["sql"]]


def test_the_pages_cost_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    centre = make_centre(regions=("vd",))
    groups_in("vd", 2)
    client = logged_in(client, centre.staff_member)
    figures = sum(QUERIES_OF.get(name, 1) for name in registry.funder_figures)
    # The user, the centre, the permission, its regions, the figures' queries and
    # the regions named on the page.
    page = f"/centres/{centre.pk}/figures/"
    assert len(page_queries(client, page, django_assert_max_num_queries)) == 1 + 1 + 1 + 1 + figures + 1
    groups_in("vd", 5, first=2)
    assert len(page_queries(client, page, django_assert_max_num_queries)) == 1 + 1 + 1 + 1 + figures + 1
    assert len(page_queries(client, "/figures/", django_assert_max_num_queries)) == 1 + 1 + figures
    csv_url = f"/centres/{centre.pk}/figures/groups_by_theme.csv"
    assert len(page_queries(client, csv_url, django_assert_max_num_queries)) == 1 + 1 + 1 + 1 + 1
