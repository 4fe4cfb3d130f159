"""A report about a listening-line conversation, in a browser, through moderation: the caller
reports it from the conversation page; a coordinator of the programme finds it from the
coordination page, reads the note and warns the supporter privately; the supporter reads the
warning on their own page. Every page passes the axe check.

The conversation and the coordinator are set up through the services on the server's
database (in the German programme, which no other test uses); what the test is about is done
in the pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import server_shell
from tests.browser.test_meeting_flow import signed_in, unique_word

pytestmark = pytest.mark.browser

SETUP = """
from tests.factories import UserFactory
from tests.peers.line_builders import coordinator, talking

word = {word!r}
conversation, caller, supporter = talking(language="de")
watching = coordinator(language="de", member=UserFactory(email=f"coord-{{word}}@example.org",
                                                         pseudonym=f"Coord{{word}}"))
result = {{"conversation": conversation.pk, "caller": {{"email": caller.email}},
           "supporter": {{"email": supporter.email}}, "coordinator": {{"email": watching.email}}}}
"""


def test_a_caller_reports_a_conversation_and_a_coordinator_warns_the_supporter(demo_server, open_checked_page):
    word = unique_word()
    world = server_shell(demo_server, SETUP.format(word=word))
    note = f"Des conseils que je n'avais pas demandés {word}."

    caller = signed_in(open_checked_page, world["caller"])
    caller.goto(f"/peers/line/conversations/{world['conversation']}/")
    caller.page.get_by_text("Signaler cette conversation").click()
    caller.page.get_by_label("Fausses informations de santé").check()
    caller.page.get_by_label("Une précision pour la coordination (facultatif)").fill(note)
    caller.submit(caller.page.get_by_role("button", name="Envoyer le signalement"))
    expect(caller.page.locator(".messages")).to_contain_text("gardée pour que la coordination l'examine")

    coordinator = signed_in(open_checked_page, world["coordinator"])
    coordinator.goto("/peers/coordination/")
    expect(coordinator.page.locator("main")).to_contain_text("1 signalement à traiter")
    coordinator.goto("/moderation/peers/de/")
    item = coordinator.page.locator("section.card").filter(has_text=note)
    expect(item).to_contain_text("Une conversation de la ligne d'écoute")
    item.get_by_label("Avertir en privé").check()
    item.get_by_label("Raison").fill(f"Écouter sans conseiller {word}.")
    coordinator.submit(item.get_by_role("button", name="Enregistrer la décision"))
    expect(coordinator.page.locator(".messages")).to_contain_text("La décision est enregistrée.")
    expect(coordinator.page.locator("main")).to_contain_text("Rien à traiter pour le moment.")

    supporter = signed_in(open_checked_page, world["supporter"])
    supporter.goto("/moderation/peers/de/my-decisions/")
    expect(supporter.page.locator("main")).to_contain_text(f"Écouter sans conseiller {word}.")
    expect(supporter.page.get_by_role("button", name="Faire recours")).to_be_visible()
