"""A group's live chat as two members use it in a browser, each in their own browser context:
messages go both ways; then one member's connection drops (the browser goes offline), the page
says so, they write while offline and the other writes too; when the connection comes back the
client resumes and sends what waited, and each message is in both logs exactly once, also
after a reload. The chat page passes the axe check, as it loads and with live messages in it.

The members and the group are set up through the services on the server's database; every
message is written in the pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CheckedPage, server_shell
from tests.browser.test_meeting_flow import signed_in, unique_word

pytestmark = pytest.mark.browser

SETUP = """
from datetime import timedelta

from django.utils import timezone

from tests.factories import UserFactory, join, make_group

word = {word!r}
joined = timezone.now() - timedelta(days=3)


def member(name):
    return UserFactory(email=f"{{name.lower()}}-{{word}}@example.org", pseudonym=f"{{name}}{{word}}",
                       date_joined=joined)


founder = member("Fondatrice")
group = make_group(founder, name=f"Veiller ensemble {{word}}")
other = join(group, member("Compagne"))
result = {{
    "group_url": group.get_absolute_url(),
    "people": {{key: {{"email": user.email, "pseudonym": user.pseudonym}}
               for key, user in (("founder", founder), ("other", other))}},
}}
"""


def status(checked: CheckedPage):
    return checked.page.locator("#chat-status")


def connected(checked: CheckedPage) -> None:
    expect(status(checked)).to_have_attribute("data-state", "connected")
    expect(checked.page.locator("#chat-state")).to_have_text("Connecté·e : les messages arrivent en direct.")


def in_log(checked: CheckedPage, text: str):
    return checked.page.locator("#chat-log li").filter(has_text=text)


def write(checked: CheckedPage, text: str, *, with_enter: bool = True) -> None:
    box = checked.page.get_by_label("Votre message")
    box.fill(text)
    if with_enter:
        box.press("Enter")
    else:
        checked.page.locator("#chat-form").get_by_role("button", name="Envoyer").click()
    # The text box is emptied and keeps the focus, ready for the next message.
    expect(box).to_have_value("")
    expect(box).to_be_focused()


def test_two_members_chat_and_a_message_written_offline_arrives_once_for_both(demo_server, open_checked_page):
    word = unique_word()
    state = server_shell(demo_server, SETUP.format(word=word))
    people = state["people"]

    founder = signed_in(open_checked_page, people["founder"])
    founder.goto(state["group_url"])
    founder.follow(founder.page.locator("main").get_by_role("link", name="Discussion en direct"))
    connected(founder)
    chat_path = founder.page.url.removeprefix(demo_server.base_url)

    other = signed_in(open_checked_page, people["other"])
    other.goto(chat_path)
    connected(other)

    # Both ways, by Enter and by the button; Shift+Enter keeps writing on a new line.
    write(founder, f"Bonsoir à toi {word}")
    for checked in (founder, other):
        expect(in_log(checked, f"Bonsoir à toi {word}")).to_have_count(1)
    box = other.page.get_by_label("Votre message")
    box.fill("Merci, je suis là")
    box.press("Shift+Enter")
    box.press_sequentially(f"ce soir {word}")
    expect(box).to_have_value(f"Merci, je suis là\nce soir {word}")
    other.page.locator("#chat-form").get_by_role("button", name="Envoyer").click()
    for checked in (founder, other):
        expect(in_log(checked, f"ce soir {word}")).to_have_count(1)
    expect(in_log(founder, f"ce soir {word}")).to_contain_text(people["other"]["pseudonym"])

    # The connection drops in the middle: the page says so in words, and keeps what is written.
    other.page.context.set_offline(True)
    expect(status(other)).to_have_attribute("data-state", "offline")
    expect(other.page.locator("#chat-state")).to_have_text(
        "Hors ligne : vos messages partiront dès le retour de la connexion.")
    write(other, f"Écrit hors ligne {word}")
    unsent = other.page.locator("#chat-unsent")
    expect(unsent).to_be_visible()
    expect(unsent).to_contain_text(f"Écrit hors ligne {word}")
    write(founder, f"Pendant ton absence {word}")
    expect(in_log(founder, f"Pendant ton absence {word}")).to_have_count(1)
    expect(in_log(founder, f"Écrit hors ligne {word}")).to_have_count(0)

    # Back online: the client resumes (the founder's message arrives) and sends what waited.
    other.page.context.set_offline(False)
    connected(other)
    for checked in (founder, other):
        expect(in_log(checked, f"Écrit hors ligne {word}")).to_have_count(1)
        expect(in_log(checked, f"Pendant ton absence {word}")).to_have_count(1)
    expect(unsent).to_be_hidden()
    texts = [f"Bonsoir à toi {word}", f"ce soir {word}", f"Pendant ton absence {word}", f"Écrit hors ligne {word}"]
    for checked in (founder, other):
        logged = checked.page.locator("#chat-log li .chat-body").all_inner_texts()
        assert [text for text in texts if any(text in entry for entry in logged)] == texts[:2] + sorted(
            texts[2:], key=lambda text: next(index for index, entry in enumerate(logged) if text in entry))
        assert sum(texts[3] in entry for entry in logged) == 1
        checked.check()

    # What the server stored: each message once, in the same order for both after a reload.
    for checked in (founder, other):
        checked.goto(chat_path)
        connected(checked)
        for text in texts:
            expect(in_log(checked, text)).to_have_count(1)
    assert (founder.page.locator("#chat-log li .chat-body").all_inner_texts()
            == other.page.locator("#chat-log li .chat-body").all_inner_texts())
