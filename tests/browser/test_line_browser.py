"""The listening line in a browser, from the knock to the hand-over note: a visitor opens a
guest account and knocks; the supporter on duty takes the next caller; each writes a message
the other receives live; the supporter ends the conversation and leaves a hand-over note. The
front page, the conversation page and the duty page pass the axe check.

The supporter and their duty slot are set up through the services on the server's database;
everything the test is about is done in the pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CheckedPage, server_shell
from tests.browser.test_meeting_flow import signed_in, unique_word

pytestmark = pytest.mark.browser

SETUP = """
from tests.factories import UserFactory
from tests.peers.line_builders import on_duty

word = {word!r}
member = UserFactory(email=f"ecoute-{{word}}@example.org", pseudonym=f"Ecoute{{word}}")
on_duty(language="fr", hours=2, member=member)
result = {{"email": member.email, "pseudonym": member.pseudonym}}
"""


def in_log(checked: CheckedPage, text: str):
    return checked.page.locator("#line-log li").filter(has_text=text)


def connected(checked: CheckedPage) -> None:
    expect(checked.page.locator("#line-status")).to_have_attribute("data-state", "connected")


def write(checked: CheckedPage, text: str) -> None:
    box = checked.page.locator("#line-form").get_by_label("Votre message")
    box.fill(text)
    box.press("Enter")
    expect(box).to_have_value("")


def test_a_guest_knocks_a_supporter_answers_they_talk_live_and_a_hand_over_note_is_left(demo_server,
                                                                                         open_checked_page):
    word = unique_word()
    supporter_account = server_shell(demo_server, SETUP.format(word=word))

    # A visitor without an account: crisis lines first, then the guest form.
    visitor = open_checked_page()
    visitor.goto("/peers/line/")
    main = visitor.page.locator("main")
    expect(main.locator(".crisis-prompt")).to_be_visible()
    visitor.page.get_by_label("Pseudonyme").fill(f"Hibou{word}")
    visitor.submit(main.get_by_role("button", name="Entrer comme invité·e"))
    visitor.submit(main.get_by_role("button", name="Frapper à la porte"))
    connected(visitor)
    expect(visitor.page.locator("#line-queue")).to_have_text("Vous êtes la première personne dans la file.")
    expect(visitor.page.locator("#line-form")).to_be_hidden()

    # The supporter on duty takes the next caller.
    supporter = signed_in(open_checked_page, supporter_account)
    supporter.goto("/peers/line/duty/")
    supporter.submit(supporter.page.get_by_role("button", name="Prendre l'appel suivant"))
    connected(supporter)
    expect(supporter.page.locator("#line-with")).to_have_text(f"En conversation avec Hibou{word}.")

    # The caller hears it live: the queue gives way to the conversation and its form.
    expect(visitor.page.locator("#line-with")).to_have_text(f"En conversation avec {supporter_account['pseudonym']}.")
    expect(visitor.page.locator("#line-queue")).to_be_hidden()
    expect(visitor.page.locator("#line-form")).to_be_visible()

    write(visitor, f"Bonsoir, je n'arrive pas à dormir {word}")
    expect(in_log(supporter, f"je n'arrive pas à dormir {word}")).to_have_count(1)
    write(supporter, f"Bonsoir, je suis là pour vous écouter {word}")
    expect(in_log(visitor, f"je suis là pour vous écouter {word}")).to_have_count(1)
    for checked in (visitor, supporter):
        expect(in_log(checked, word)).to_have_count(2)
        checked.check()

    # The supporter ends it; the caller's page says so, live; the duty page takes the note.
    supporter.submit(supporter.page.get_by_role("button", name="Terminer la conversation"))
    expect(visitor.page.locator("#line-ended")).to_be_visible()
    expect(visitor.page.locator("#line-form")).to_be_hidden()
    visitor.check()
    note = f"Soirée calme, une personne qui ne trouvait pas le sommeil {word}."
    supporter.page.get_by_role("textbox", name="Note pour la relève").fill(note)
    supporter.submit(supporter.page.get_by_role("button", name="Laisser la note"))
    expect(supporter.page.locator(".messages")).to_contain_text("Votre note est laissée pour la relève.")
    expect(supporter.page.locator("main")).to_contain_text(note)
