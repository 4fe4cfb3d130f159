"""A centre's staff list another organisation's online forum, and a visitor without an account
finds it in the directory, labelled as off the platform, with a link that leaves it. An address
that is not http(s) is refused on the form, with the rest of what was typed kept. Every page
passes the axe check.

The centre and its staff account are set up through the services on the server's database, as
platform staff would; what the test is about is done in the pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import server_shell
from tests.browser.test_meeting_flow import main_text, signed_in, unique_word

pytestmark = pytest.mark.browser

SETUP = """
from centres.services.centres import centre_create, centre_staff_link
from tests.factories import UserFactory

word = {word!r}
platform = UserFactory(is_staff=True)
centre = centre_create(actor=platform, name=f"Centre {{word}}", region_codes=["ne"])
staff = UserFactory(email=f"centre-{{word}}@example.org", pseudonym=f"Centre{{word}}")
centre_staff_link(actor=platform, centre=centre, member=staff)
result = {{"centre": centre.pk, "staff": {{"email": staff.email, "pseudonym": staff.pseudonym}}}}
"""


def test_centre_staff_list_a_forum_from_elsewhere_and_a_visitor_finds_it(demo_server, open_checked_page):
    word = unique_word()
    setup = server_shell(demo_server, SETUP.format(word=word))
    forum_name = f"Forum {word} des proches"

    staff = signed_in(open_checked_page, setup["staff"])
    staff.goto(f"/centres/{setup['centre']}/")
    staff.follow(staff.page.locator("main").get_by_role("link", name="Ajouter un groupe ou un forum hors plateforme"))
    form = staff.page.locator("main form").first
    form.get_by_label("Type").select_option("forum")
    form.get_by_label("Nom").fill(forum_name)
    form.get_by_label("Thème").select_option("grief")
    form.get_by_label("Langue").select_option("fr")
    form.get_by_label("Région").select_option("ne")
    form.get_by_label("Format").select_option("online")
    form.get_by_label("Lien").fill("javascript:alert(1)")
    form.get_by_label("Contact de l'organisation").fill("forum@proches.example")
    staff.submit(form.get_by_role("button", name="Enregistrer"))
    assert "Seules les adresses web commençant par http:// ou https:// sont acceptées." in main_text(staff)
    expect(form.get_by_label("Nom")).to_have_value(forum_name)

    form.get_by_label("Lien").fill("https://forum.proches.example/")
    staff.submit(form.get_by_role("button", name="Enregistrer"))
    expect(staff.page.locator("main")).to_contain_text(forum_name)

    visitor = open_checked_page()
    visitor.goto(f"/groups/?q={word}")
    elsewhere = visitor.page.locator("section[aria-labelledby=elsewhere-heading]")
    expect(elsewhere.get_by_role("heading", level=2)).to_have_text("1 groupe ou forum hors plateforme")
    card = elsewhere.locator("li.card", has_text=forum_name)
    expect(card).to_contain_text("Hors plateforme")
    expect(card).to_contain_text("forum@proches.example")
    link = card.get_by_role("link", name="Aller sur le site (quitte la plateforme)")
    expect(link).to_have_attribute("href", "https://forum.proches.example/")
    expect(link).to_have_attribute("rel", "noopener external")

    visitor.goto("/groups/?q=&region=ne&theme=grief")
    expect(visitor.page.locator("section[aria-labelledby=elsewhere-heading]")).to_contain_text(forum_name)
