"""A centre's staff open the funders' page: every figure is drawn as a chart beside its table,
a count under 5 reads "moins de 5" in both, each figure has its CSV, and the page passes the
axe check.

The centre, its staff account and four groups of its region are set up through the services
on the server's database; what the test is about is done in the page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import server_shell
from tests.browser.test_meeting_flow import signed_in, unique_word

pytestmark = pytest.mark.browser

SETUP = """
from centres.services.centres import centre_create, centre_staff_link
from tests.factories import UserFactory, make_group

word = {word!r}
platform = UserFactory(is_staff=True)
centre = centre_create(actor=platform, name=f"Centre {{word}}", region_codes=["ju"])
staff = UserFactory(email=f"figures-{{word}}@example.org", pseudonym=f"Chiffres{{word}}")
centre_staff_link(actor=platform, centre=centre, member=staff)
for n in range(4):
    make_group(name=f"Groupe {{word}} {{n}}", region_code="ju", themes=("grief",))
result = {{"centre": centre.pk, "staff": {{"email": staff.email, "pseudonym": staff.pseudonym}}}}
"""


def test_centre_staff_see_their_figures_drawn_as_charts(demo_server, open_checked_page):
    word = unique_word()
    setup = server_shell(demo_server, SETUP.format(word=word))

    staff = signed_in(open_checked_page, setup["staff"])
    staff.goto(f"/centres/{setup['centre']}/")
    staff.follow(staff.page.locator("main").get_by_role("link", name="Chiffres pour les financeurs"))
    main = staff.page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(f"Chiffres de Centre {word}")
    charts = main.locator("svg[role=img]")
    assert charts.count() >= 6
    by_region = main.locator("section[aria-labelledby=figure-groups_by_region]")
    expect(by_region.locator("svg title")).to_have_text("Groupes en activité par région")
    box = by_region.locator("svg").bounding_box()
    assert box and box["width"] > 100 and box["height"] > 10
    expect(by_region.locator("svg")).to_contain_text("moins de 5")
    expect(by_region.locator("tbody")).to_contain_text("moins de 5")
    link = by_region.get_by_role("link", name="Télécharger « Groupes en activité par région » en CSV")
    expect(link).to_have_attribute("href", f"/centres/{setup['centre']}/figures/groups_by_region.csv")
