"""A professional hands the timekeeping of their guided group to a member, from the group's
hand-over page: the proposal opens in the rotating roles' consultation, and the group's pages
say that the hand-over is under way. Every page passes the axe check.

The group and its member are set up through the services on the server's database; what the
test is about is done in the pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import server_shell
from tests.browser.test_meeting_flow import main_text, messages_text, signed_in, unique_word

pytestmark = pytest.mark.browser

SETUP = """
from entraide.models import GroupKind
from tests.factories import UserFactory, join, make_group

word = {word!r}
professional = UserFactory(email=f"pro-{{word}}@example.org", pseudonym=f"Pro{{word}}")
group = make_group(professional, name=f"Proches aidants {{word}}", kind=GroupKind.PROFESSIONAL)
member = join(group, UserFactory(email=f"membre-{{word}}@example.org", pseudonym=f"Iris{{word}}"))
result = {{"slug": group.slug, "member": member.pseudonym,
           "professional": {{"email": professional.email, "pseudonym": professional.pseudonym}}}}
"""


def test_a_professional_hands_the_timekeeping_to_a_member(demo_server, open_checked_page):
    word = unique_word()
    setup = server_shell(demo_server, SETUP.format(word=word))

    professional = signed_in(open_checked_page, setup["professional"])
    professional.goto(f"/groups/{setup['slug']}/")
    assert "Gestion du temps : encore tenue par le ou la professionnel·le" in main_text(professional)
    professional.follow(professional.page.locator("main").get_by_role(
        "link", name="Les fonctions et le guide de la transmission"))
    page = professional.page
    expect(page.get_by_role("heading", name="Le guide de la transmission")).to_be_visible()
    form = page.locator("main form", has=page.get_by_role("heading", name="Gestion du temps"))
    form.get_by_label("À qui la transmettre ?").select_option(label=setup["member"])
    professional.submit(form.get_by_role("button", name="Proposer de transmettre : Gestion du temps"))
    assert f"sans objection, {setup['member']} sera" in messages_text(professional)

    professional.goto(f"/groups/{setup['slug']}/guided/")
    assert f"Gestion du temps : transmission à {setup['member']} en consultation." in main_text(professional)
    expect(page.get_by_role("button", name="Proposer de transmettre : Gestion du temps")).to_have_count(0)
    professional.goto(f"/groups/{setup['slug']}/")
    expect(page.locator("main")).to_contain_text("transmission en consultation")
