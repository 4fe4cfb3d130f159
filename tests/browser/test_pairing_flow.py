"""A pairing (jumelage) in a browser, from the request to the first message on both sides: a
member asks for a peer; the supporter the request is offered to reads only its theme, language,
format and words, and accepts; the member confirms and only then sees who it is; each writes to
the other through the pairing's private conversation. Every page passes the axe check.

The supporter is set up through the services on the server's database (volunteering, the
readings, the check-in and the programme's consent decision); what the test is about is done
in the pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import server_shell
from tests.browser.test_meeting_flow import main_text, signed_in, unique_word

pytestmark = pytest.mark.browser

SETUP = """
from datetime import timedelta

from django.utils import timezone

from tests.factories import UserFactory
from tests.peers.builders import make_supporter

word = {word!r}
joined = timezone.now() - timedelta(days=3)
supporter = make_supporter(UserFactory(email=f"soutien-{{word}}@example.org", pseudonym=f"Soutien{{word}}",
                                       date_joined=joined), themes=("suicide-bereavement",), languages=("it",))
requester = UserFactory(email=f"demande-{{word}}@example.org", pseudonym=f"Demande{{word}}", date_joined=joined)
result = {{key: {{"email": user.email, "pseudonym": user.pseudonym}}
          for key, user in (("supporter", supporter.member), ("requester", requester))}}
"""


def test_a_request_is_accepted_confirmed_and_both_write_to_each_other(demo_server, open_checked_page):
    word = unique_word()
    people = server_shell(demo_server, SETUP.format(word=word))
    words = f"Mots{word}: mon frère est parti il y a trois mois."

    requester = signed_in(open_checked_page, people["requester"])
    requester.goto("/peers/")
    requester.follow(requester.page.locator("main").get_by_role("link", name="Demander un·e pair"))
    page = requester.page
    form = page.locator("main form")
    form.get_by_label("Thème").select_option("suicide-bereavement")
    form.get_by_label("Langue").select_option("it")
    form.get_by_label("écrit").check()
    form.get_by_label("Quelques mots").fill(words)
    requester.submit(page.get_by_role("button", name="Envoyer ma demande"))
    assert "Nous cherchons une personne disponible" in main_text(requester)
    request_path = page.url.removeprefix(demo_server.base_url)

    supporter = signed_in(open_checked_page, people["supporter"])
    supporter.goto("/peers/supporter/")
    supporter.follow(supporter.page.locator("main").get_by_role("link", name="Deuil après un suicide"))
    offer_text = main_text(supporter)
    assert words in offer_text and people["requester"]["pseudonym"] not in offer_text
    supporter.submit(supporter.page.get_by_role("button", name="J'accepte"))

    requester.goto(request_path)
    assert people["supporter"]["pseudonym"] not in main_text(requester)
    requester.submit(page.get_by_role("button", name="Confirmer et commencer le jumelage"))
    expect(page.locator("h1")).to_have_text(f"Jumelage avec {people['supporter']['pseudonym']}")
    requester.follow(page.locator("main").get_by_role("link", name=f"Écrire à {people['supporter']['pseudonym']}"))
    page.locator("main form").get_by_label("Votre message").fill(f"Bonjour{word}, merci d'avoir accepté.")
    requester.submit(page.locator("main form").get_by_role("button", name="Envoyer"))
    expect(page.locator("main")).to_contain_text(f"Bonjour{word}")

    supporter.goto("/peers/")
    supporter.follow(supporter.page.locator("main").get_by_role("link", name="Deuil après un suicide · Italiano"))
    expect(supporter.page.locator("h1")).to_have_text(f"Jumelage avec {people['requester']['pseudonym']}")
    supporter.follow(supporter.page.locator("main").get_by_role(
        "link", name=f"Écrire à {people['requester']['pseudonym']}"))
    expect(supporter.page.locator("main")).to_contain_text(f"Bonjour{word}")
    supporter.page.locator("main form").get_by_label("Votre message").fill(f"Reponse{word}: je suis là.")
    supporter.submit(supporter.page.locator("main form").get_by_role("button", name="Envoyer"))

    requester.goto(page.url.removeprefix(demo_server.base_url).split("#")[0])
    expect(page.locator("main")).to_contain_text(f"Reponse{word}")
    for checked in (requester, supporter):
        checked.assert_no_problems()
