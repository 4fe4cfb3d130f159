"""The foundation's acceptance path, as two people would walk it in a browser, on the
embedded default: sign up, confirm the e-mail from the captured mail, create a group, find
it with an accent-less search, then a second member joins it after accepting the charter
and leaves it. Every page on the way passes the axe check (see conftest)."""

import secrets
import string

import pytest

from tests.browser.conftest import CheckedPage, confirmation_link

pytestmark = pytest.mark.browser

PASSWORD = "Un mot de passe tranquille 42"


def unique_word(length: int = 8) -> str:
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(length))


def sign_up_and_confirm(checked: CheckedPage, *, email: str, pseudonym: str) -> None:
    page = checked.page
    checked.goto("/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.get_by_label("Pseudonyme").fill(pseudonym)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    checked.submit(page.locator("main form:has(input[name=password2]) button[type=submit]"))

    checked.goto(confirmation_link(checked.server.mail_dir, email))
    checked.submit(page.locator("main form button[type=submit]"))
    # Confirming signs the new member in.
    assert page.get_by_role("button", name="Se déconnecter").is_visible()


def log_out(checked: CheckedPage) -> None:
    checked.submit(checked.page.get_by_role("button", name="Se déconnecter"))
    assert checked.page.get_by_role("link", name="Se connecter").is_visible()


def create_group(checked: CheckedPage, *, name: str) -> str:
    page = checked.page
    checked.goto("/groups/new/")
    page.locator("input[name=name]").fill(name)
    page.locator("textarea[name=description]").fill(
        "Un groupe pour parler de l'épilepsie au travail : <script>alert('non')</script> reste du texte."
    )
    page.locator("input[name=themes][value=epilepsy]").check()
    page.locator("input[name=languages][value=fr]").check()
    page.locator("select[name=region]").select_option("online")
    checked.submit(page.get_by_role("button", name="Créer le groupe"))
    assert page.locator("h1").inner_text().strip() == name
    assert "<script>alert('non')</script>" in page.locator("main").inner_text()
    return page.url


def test_a_member_creates_a_group_that_another_finds_joins_and_leaves(open_checked_page):
    word = unique_word()
    group_name = f"Élan{word} : épilepsie au travail"

    founder = open_checked_page()
    sign_up_and_confirm(founder, email=f"fondatrice-{word}@example.org", pseudonym=f"Fondatrice{word}")
    group_url = create_group(founder, name=group_name)

    founder.goto(f"/groups/?q=elan{word}")
    result = founder.page.locator("main").get_by_role("link", name=group_name)
    assert result.count() == 1, "the accent-less search does not find the new group"
    founder.follow(result)
    assert founder.page.url == group_url
    log_out(founder)

    newcomer = founder
    sign_up_and_confirm(newcomer, email=f"nouveau-{word}@example.org", pseudonym=f"Nouveau{word}")
    page = newcomer.page
    newcomer.goto(group_url)
    page.get_by_label("J'accepte la charte du groupe").check()
    newcomer.submit(page.get_by_role("button", name="Rejoindre le groupe"))
    leave = page.locator("main").locator("a, button").filter(has_text="Quitter le groupe").first
    assert leave.is_visible(), "after joining, the group page offers no way to leave"

    newcomer.follow(leave)
    newcomer.submit(page.locator("main form").get_by_role("button", name="Quitter le groupe"))

    newcomer.goto(group_url)
    assert page.get_by_role("button", name="Rejoindre le groupe").is_visible()
    assert page.locator("main").locator("a, button").filter(has_text="Quitter le groupe").count() == 0
