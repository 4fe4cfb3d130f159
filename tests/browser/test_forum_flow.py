"""A group forum as three members use it in a browser, each in their own browser context: two
members write, quote, react and mention each other and are notified (the in-page list with
its unread count, and an e-mail at once for the member who asked for it); a post with a
content warning stays closed until opened, with the mouse or the keyboard; a third member who
chose to hide that warning never receives its text. Every page passes the axe check (see
conftest).

The members and the group are set up through the services on the server's database; the
steps the issue names are done in the pages."""

import re
import secrets
import string

import pytest

from tests.browser.conftest import (
    CheckedPage, assert_accessible, log_in, mail_text, sent_mails, server_shell, wait_for_mail_to,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

SETUP = """
from datetime import timedelta

from django.utils import timezone

from tests.factories import UserFactory, join, make_group

word = {word!r}
# Older than a day: the stricter flood limits of new accounts are not what this is about.
joined = timezone.now() - timedelta(days=3)


def member(name):
    return UserFactory(email=f"{{name.lower()}}-{{word}}@example.org", pseudonym=f"{{name}}{{word}}",
                       date_joined=joined)


group = make_group(member("Fondatrice"), name=f"Deuil et après {{word}}")
people = {{key: join(group, member(name)) for key, name in (("alice", "Alice"), ("bruno", "Bruno"),
                                                             ("chloe", "Chloe"))}}
result = {{
    "group_url": group.get_absolute_url(),
    "people": {{key: {{"email": user.email, "pseudonym": user.pseudonym}} for key, user in people.items()}},
}}
"""


def unique_word(length: int = 8) -> str:
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(length))


def signed_in(open_checked_page, person: dict) -> CheckedPage:
    checked = open_checked_page()
    log_in(checked, email=person["email"], password=PASSWORD)
    return checked


def notifications_link(checked: CheckedPage):
    return checked.page.get_by_role("navigation").get_by_role("link", name=re.compile(r"^Notifications"))


def unread_badge(checked: CheckedPage) -> str:
    """The unread count in the header's link, or "" when there is none."""
    badge = notifications_link(checked).locator(".badge")
    return badge.inner_text().strip() if badge.count() else ""


def post(checked: CheckedPage, number: int):
    return checked.page.locator(f"article#post-{number}")


def test_two_members_write_quote_react_mention_and_are_notified_and_warnings_stay_closed_or_hidden(
    demo_server, open_checked_page
):
    word = unique_word()
    state = server_shell(demo_server, SETUP.format(word=word))
    people = state["people"]
    title = f"Le premier hiver sans elle {word}"
    opening = f"Je commence ce sujet pour parler des fêtes qui approchent {word}."
    sensitive = f"Le jour de l'enterrement, je n'ai pas pu parler {word}."

    # Bruno asks for an e-mail at once when someone mentions him.
    bruno = signed_in(open_checked_page, people["bruno"])
    bruno.follow(notifications_link(bruno))
    bruno.follow(bruno.page.get_by_role("link", name="Mes e-mails et ce que je suis"))

    def at_once_for_mentions():
        mentions = bruno.page.get_by_role("group", name=re.compile(r"^Mention\s*:"))
        return mentions.get_by_label("Tout de suite, un e-mail par notification")

    at_once_for_mentions().check()
    bruno.submit(bruno.page.get_by_role("button", name="Enregistrer"))
    assert at_once_for_mentions().is_checked()

    # Alice opens a thread in the group's forum.
    alice = signed_in(open_checked_page, people["alice"])
    alice.goto(state["group_url"])
    alice.follow(alice.page.get_by_role("link", name="Forum du groupe"))
    alice.follow(alice.page.get_by_role("link", name="Nouveau sujet"))
    alice.page.get_by_label("Titre du sujet").fill(title)
    alice.page.get_by_label("Votre message").fill(opening)
    alice.submit(alice.page.get_by_role("button", name="Publier le sujet"))
    assert alice.page.locator("h1").inner_text() == title
    thread_url = alice.page.url.split("#")[0].split("?")[0]
    assert unread_badge(alice) == ""

    # Bruno quotes her and mentions her.
    bruno.goto(thread_url)
    bruno.follow(post(bruno, 1).get_by_role("link", name="Citer"))
    reply = bruno.page.get_by_label("Votre réponse")
    quoted = reply.input_value()
    assert quoted.startswith("> ") and opening in quoted, f"the reply does not start with the quote: {quoted!r}"
    reply.fill(quoted + f"@{people['alice']['pseudonym']} je pense fort à toi, les fêtes sont dures pour moi aussi.")
    bruno.submit(bruno.page.get_by_role("button", name="Publier la réponse"))
    second = post(bruno, 2)
    assert second.locator("blockquote").inner_text().strip() == opening
    assert "en réponse au message n° 1" in second.inner_text()

    # Alice is told: the unread count in the header, the line in the list.
    alice.goto(thread_url.rstrip("/").rsplit("/", 1)[0] + "/")
    assert unread_badge(alice).startswith("1"), f"Alice's unread count: {unread_badge(alice)!r}"
    alice.follow(notifications_link(alice))
    assert "1 notification non lue." in alice.page.locator("main .lead").inner_text()
    line = alice.page.locator("main .card-list li").first
    assert f"{people['bruno']['pseudonym']} vous a mentionné·e dans « {title} »." in line.inner_text()
    alice.follow(line.get_by_role("link", name=re.compile("vous a mentionné")))
    assert unread_badge(alice) == "", "opening the notification leaves it unread"

    # She thanks him, and answers with a content warning, mentioning him.
    merci = post(alice, 2).get_by_role("button", name=re.compile(r"^Merci · "))
    assert merci.get_attribute("aria-pressed") == "false"
    alice.submit(merci)
    merci = post(alice, 2).get_by_role("button", name=re.compile(r"^Merci · "))
    assert merci.inner_text().strip() == "Merci · 1"
    assert merci.get_attribute("aria-pressed") == "true"
    alice.page.get_by_label("Votre réponse").fill(f"Merci @{people['bruno']['pseudonym']}. {sensitive}")
    alice.page.get_by_label("Mort et deuil").check()
    alice.submit(alice.page.get_by_role("button", name="Publier la réponse"))
    assert post(alice, 3).count() == 1

    # Bruno is told in the page and, as he asked, by e-mail at once (never the post's text).
    mail = wait_for_mail_to(demo_server.mail_dir, people["bruno"]["email"])
    text = mail_text(mail)
    assert f"{people['alice']['pseudonym']} vous a mentionné·e dans « {title} »." in text
    assert sensitive not in text and "enterrement" not in text
    assert mail["List-Unsubscribe"], "the mail has no one-click unsubscribe header"
    bruno.goto(thread_url)
    assert unread_badge(bruno).startswith("1")
    bruno.follow(notifications_link(bruno))
    told = f"{people['alice']['pseudonym']} vous a mentionné·e dans « {title} »."
    assert told in bruno.page.locator("main").inner_text()
    # Alice keeps the default daily digest: no mail reached her at once.
    assert not [m for m in sent_mails(demo_server.mail_dir) if people["alice"]["email"] in str(m["To"])]

    # On Bruno's page the warned post stays closed until he opens it with the keyboard.
    bruno.goto(thread_url)
    # His own post: he sees the count, not a button.
    assert post(bruno, 2).locator(".badge", has_text="Merci").inner_text().strip() == "Merci · 1"
    post(bruno, 2).locator("summary", has_text="Qui a réagi ?").click()
    assert people["alice"]["pseudonym"] in post(bruno, 2).locator("details").inner_text()
    warned = post(bruno, 3).locator("details").first
    summary = warned.locator("summary")
    assert "Avertissement : Mort et deuil" in summary.inner_text()
    assert warned.get_attribute("open") is None
    assert not bruno.page.get_by_text(sensitive).is_visible()
    summary.focus()
    bruno.page.keyboard.press("Enter")
    assert warned.get_attribute("open") is not None
    assert bruno.page.get_by_text(sensitive).is_visible()
    assert_accessible(bruno.page)

    # And with the mouse, on Alice's page.
    alice.goto(thread_url)
    warned = post(alice, 3).locator("details").first
    assert warned.get_attribute("open") is None and not alice.page.get_by_text(sensitive).is_visible()
    warned.locator("summary").click()
    assert alice.page.get_by_text(sensitive).is_visible()

    # Chloé chooses "never show" for death and grief: the post's text never reaches her page.
    chloe = signed_in(open_checked_page, people["chloe"])
    chloe.goto(thread_url)
    chloe.follow(chloe.page.get_by_role("link", name="Retour au forum"))
    chloe.follow(chloe.page.get_by_role("link", name="Mes préférences d'avertissements"))
    grief = chloe.page.locator("fieldset").filter(has=chloe.page.locator("legend", has_text="Mort et deuil"))
    grief.get_by_label("Ne jamais afficher").check()
    chloe.submit(chloe.page.get_by_role("button", name="Enregistrer mes préférences"))
    chloe.goto(thread_url)
    assert "Message masqué selon vos préférences (thème : Mort et deuil)." in post(chloe, 3).inner_text()
    assert sensitive not in chloe.page.content()
    assert opening in post(chloe, 1).inner_text(), "the other posts should show as usual"
    chloe.goto(thread_url.rstrip("/") + "/posts/3/")
    assert sensitive not in chloe.page.content()
