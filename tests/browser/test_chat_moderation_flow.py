"""A moderator hides a chat message while another member has the chat open: the message leaves
the other member's page at once, without a reload, and stays gone after one. The founder holds
the group's moderator role from its creation; the page with the hide form passes the axe check."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import server_shell
from tests.browser.test_chat_flow import SETUP, connected, in_log, write
from tests.browser.test_meeting_flow import signed_in, unique_word

pytestmark = pytest.mark.browser


def test_a_message_a_moderator_hides_leaves_the_other_members_open_chat_live(demo_server, open_checked_page):
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

    write(other, f"À masquer {word}")
    write(other, f"À garder {word}")
    for checked in (founder, other):
        expect(in_log(checked, f"À garder {word}")).to_have_count(1)

    message = in_log(founder, f"À masquer {word}")
    message.locator("summary", has_text="Masquer").click()
    message.get_by_label("Raison (inscrite au journal de modération)").fill("Hors charte")
    founder.submit(message.get_by_role("button", name="Masquer ce message"))

    # Live, on the other member's open page: gone, the rest kept.
    expect(in_log(other, f"À masquer {word}")).to_have_count(0)
    expect(in_log(other, f"À garder {word}")).to_have_count(1)
    for checked in (founder, other):
        checked.goto(chat_path)
        connected(checked)
        expect(in_log(checked, f"À masquer {word}")).to_have_count(0)
        expect(in_log(checked, f"À garder {word}")).to_have_count(1)
        checked.assert_no_problems()
