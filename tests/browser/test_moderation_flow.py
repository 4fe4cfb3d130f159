"""Peer moderation as five members of one group walk it in a browser, each in their own
browser context: a member reports a post, the moderator hides it from the review queue with
a reason, the moderation log shows it to a third member without ever naming who reported,
the author appeals, and another role holder than the one who decided settles the appeal.

The members, the group, the second role holder and the reported post are set up through the
services on the server's database; every step the issue names is done in the pages, each of
which passes the axe check (see conftest)."""

import secrets
import string

import pytest

from tests.browser.conftest import CheckedPage, log_in, server_shell
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

SETUP = """
from datetime import timedelta

from django.utils import timezone

from forums.services.posts import thread_create
from moderation.services.roles import group_functions_set, role_volunteer
from tests.factories import UserFactory, join, make_group

word = {word!r}
# Older than a day: the stricter flood limits of new accounts are not what this is about.
joined = timezone.now() - timedelta(days=3)


def member(name):
    return UserFactory(email=f"{{name.lower()}}-{{word}}@example.org", pseudonym=f"{{name}}{{word}}",
                       date_joined=joined)


moderator = member("Moderatrice")
group = make_group(moderator, name=f"Veilleurs {{word}}")
people = {{"moderator": moderator}}
for key, name in (("author", "Auteur"), ("reporter", "Signaleuse"), ("witness", "Temoin"), ("steward", "Logisticien")):
    people[key] = join(group, member(name))
# A second role holder: the group switches on logistics, which nobody holds, so the first
# volunteer takes it at once.
group_functions_set(actor=moderator, group=group, logistics=True, speakers=False)
role_volunteer(actor=people["steward"], group=group, role="logistics")
thread = thread_create(actor=people["author"], group=group, title=f"Les nuits blanches {{word}}",
                       body=f"Franchement, vous êtes tous nuls {{word}}, personne ne comprend rien.")
result = {{
    "slug": group.slug,
    "group_url": group.get_absolute_url(),
    "thread_url": f"/groups/{{group.slug}}/forum/{{thread.pk}}/",
    "people": {{key: {{"email": user.email, "pseudonym": user.pseudonym}} for key, user in people.items()}},
}}
"""


def unique_word(length: int = 8) -> str:
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(length))


def signed_in(open_checked_page, person: dict) -> CheckedPage:
    checked = open_checked_page()
    log_in(checked, email=person["email"], password=PASSWORD)
    return checked


def main_text(checked: CheckedPage) -> str:
    return checked.page.locator("main").inner_text()


def messages_text(checked: CheckedPage) -> str:
    return " ".join(checked.page.locator(".messages").all_inner_texts())


def test_a_reported_post_is_hidden_logged_without_the_reporter_appealed_and_settled_by_another_holder(
    demo_server, open_checked_page
):
    word = unique_word()
    state = server_shell(demo_server, SETUP.format(word=word))
    people = state["people"]
    post_text = "personne ne comprend rien"
    hide_reason = f"Propos blessants envers le groupe ({word})."

    # A member reports the post from the thread page.
    reporter = signed_in(open_checked_page, people["reporter"])
    reporter.goto(state["thread_url"])
    first_post = reporter.page.locator("article#post-1")
    assert post_text in first_post.inner_text()
    reporter.follow(first_post.get_by_role("link", name="Signaler"))
    assert reporter.page.locator("h1").inner_text() == "Signaler aux modérateur·rices du groupe"
    reporter.page.get_by_label("Manque de respect ou jugement").check()
    reporter.page.get_by_label("Une précision pour les modérateur·rices (facultatif)").fill("Ça fait mal à lire.")
    reporter.submit(reporter.page.get_by_role("button", name="Envoyer le signalement"))
    assert "la personne concernée ne saura pas qui a signalé" in messages_text(reporter)

    # The moderator finds it in the review queue and hides it, with a reason.
    moderator = signed_in(open_checked_page, people["moderator"])
    moderator.goto(state["group_url"])
    moderator.follow(moderator.page.locator("main").get_by_role("link", name="Signalements à traiter"))
    item = moderator.page.locator("main section.card").filter(has_text="Manque de respect ou jugement")
    assert item.count() == 1, "the report is not in the review queue"
    assert "Ça fait mal à lire." in item.inner_text()
    item.get_by_label("Masquer le contenu").check()
    item.get_by_label("Raison").fill(hide_reason)
    moderator.submit(item.get_by_role("button", name="Enregistrer la décision"))
    assert "La décision est enregistrée." in messages_text(moderator)
    assert "Rien à traiter pour le moment." in main_text(moderator)

    # A third member reads the log: who acted, what, why, never who reported.
    witness = signed_in(open_checked_page, people["witness"])
    witness.goto(state["thread_url"])
    assert "Message masqué par la modération." in main_text(witness)
    assert post_text not in witness.page.content()
    witness.goto(state["group_url"])
    witness.follow(witness.page.locator("main").get_by_role("link", name="Journal de modération"))
    hidden_row = witness.page.locator("main table tbody tr").filter(has_text="Contenu masqué")
    assert hidden_row.count() == 1, f"no hiding in the log:\n{main_text(witness)}"
    row_text = hidden_row.inner_text()
    assert people["moderator"]["pseudonym"] in row_text
    assert hide_reason in row_text
    assert people["reporter"]["pseudonym"] not in witness.page.content()

    # The author reads the decision about them (nothing names the reporter) and appeals once.
    author = signed_in(open_checked_page, people["author"])
    author.goto(state["group_url"])
    author.follow(author.page.locator("main").get_by_role("link", name="Décisions me concernant"))
    assert "Masquer le contenu" in main_text(author)
    assert hide_reason in main_text(author)
    assert people["reporter"]["pseudonym"] not in author.page.content()
    author.page.get_by_label("Pourquoi demandez-vous de revoir cette décision ?").fill(
        "J'étais à bout ce soir-là ; je voulais dire que je me sens incompris, pas blesser."
    )
    author.submit(author.page.get_by_role("button", name="Faire recours"))
    assert "un·e autre responsable du groupe va le trancher" in messages_text(author)
    assert author.page.get_by_role("button", name="Faire recours").count() == 0, "a second appeal is offered"

    # The moderator who decided cannot settle it.
    moderator.goto(f"/groups/{state['slug']}/appeals/")
    assert "Une autre personne que celle qui a décidé tranchera ce recours." in main_text(moderator)
    assert moderator.page.get_by_role("button", name="Trancher").count() == 0

    # Another role holder settles it: the decision is undone.
    steward = signed_in(open_checked_page, people["steward"])
    steward.goto(state["group_url"])
    steward.follow(steward.page.locator("main").get_by_role("link", name="Recours", exact=True))
    appeal = steward.page.locator("main article.card").filter(has_text=people["author"]["pseudonym"])
    assert appeal.count() == 1, f"the appeal is not on the appeals page:\n{main_text(steward)}"
    appeal.get_by_label("Accepter le recours : annuler la décision").check()
    appeal.get_by_label("Raison").fill("Le message est dur mais ne vise personne ; on en parle à la rencontre.")
    steward.submit(appeal.get_by_role("button", name="Trancher"))
    assert "Le recours est tranché." in messages_text(steward)
    assert "Aucun recours en attente." in main_text(steward)

    author.goto(f"/groups/{state['slug']}/my-decisions/")
    assert "Annulée après recours" in main_text(author)
    assert "Recours accepté : la décision est annulée" in main_text(author)
    witness.goto(state["thread_url"])
    assert post_text in witness.page.locator("article#post-1").inner_text(), "the post stays hidden after the appeal"
    witness.goto(f"/groups/{state['slug']}/log/")
    settled_row = witness.page.locator("main table tbody tr").filter(has_text="Recours accepté")
    assert settled_row.count() == 1
    assert people["steward"]["pseudonym"] in settled_row.inner_text()
    assert people["reporter"]["pseudonym"] not in witness.page.content()
