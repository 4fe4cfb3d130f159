"""A weekly meeting as two members of one group walk it in a browser, each in their own browser
context: the founder, who holds the group's roles, creates a weekly series through the form and
volunteers as welcome contact for its first date; a member new to the group says they are
coming and volunteers as timekeeper; the founder sees them marked as new and sends them a
welcome, which reaches them in their private messages, and the welcome panel then says it was
sent; and the join button appears for both at the right time. Every page passes the axe check
and is kept for the Nu Html Checker (see conftest).

The clock. The room opens 15 minutes before the start. The first date is created about 20
minutes ahead, where both members see no button. Then the clock moves ten minutes on: a second
server starts, inside the test, on the same database, in processes whose clock runs ten minutes
ahead of the machine's (conftest.start_shifted_clock_server: Daphne, the task worker and the
clock all read the moved time). Both members load the meeting there, signed in with the same
cookies (a cookie belongs to a host whatever its port): the button that was absent is there for
both, and My meetings shows it; back on the first server, whose clock did not move, it is not.
Nothing in the platform can be told another time: only the server's process clock differs.

The members and the group are set up through the services on the server's database; every
step the issue names is done in the pages."""

import secrets
import string
from urllib.parse import urlsplit
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import CheckedPage, log_in, server_shell
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ZONE = ZoneInfo("Europe/Zurich")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
JOIN = "Rejoindre la rencontre (nouvel onglet)"
CLOCK_SHIFT = timedelta(minutes=10)

SETUP = """
from datetime import timedelta

from django.utils import timezone

from tests.factories import UserFactory, join, make_group

word = {word!r}
# Older than a day: private messages wait a day after an account is created.
joined = timezone.now() - timedelta(days=3)


def member(name):
    return UserFactory(email=f"{{name.lower()}}-{{word}}@example.org", pseudonym=f"{{name}}{{word}}",
                       date_joined=joined)


founder = member("Fondatrice")
group = make_group(founder, name=f"Parler de la douleur {{word}}")
newcomer = join(group, member("Nouvelle"))
result = {{
    "group_url": group.get_absolute_url(),
    "people": {{key: {{"email": user.email, "pseudonym": user.pseudonym}}
               for key, user in (("founder", founder), ("newcomer", newcomer))}},
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


def local_minute(minutes_from_now: int) -> datetime:
    """A whole minute in Zurich, `minutes_from_now` minutes ahead (the forms take minutes)."""
    return (datetime.now(ZONE) + timedelta(minutes=minutes_from_now)).replace(second=0, microsecond=0)


def join_button(checked: CheckedPage):
    return checked.page.locator("#room").get_by_role("link", name=JOIN)


def volunteer(checked: CheckedPage, role_label: str) -> None:
    role = checked.page.locator("section[aria-labelledby=roles-title] li").filter(has_text=role_label)
    checked.submit(role.get_by_role("button", name="Je m'en charge"))
    assert f"vous êtes {role_label} pour cette rencontre" in messages_text(checked)


def test_a_weekly_meeting_is_planned_a_newcomer_is_welcomed_and_the_room_opens_on_time(
    demo_server, open_checked_page, start_shifted_clock_server
):
    word = unique_word()
    state = server_shell(demo_server, SETUP.format(word=word))
    people = state["people"]
    title = f"Groupe du soir {word}"

    # The founder creates a weekly series whose first date starts in 20 minutes (and a few seconds).
    founder = signed_in(open_checked_page, people["founder"])
    founder.goto(state["group_url"])
    founder.follow(founder.page.locator("main").get_by_role("link", name="Rencontres du groupe"))
    founder.follow(founder.page.get_by_role("link", name="Nouvelle série de rencontres"))
    start = local_minute(21)
    form = founder.page.locator("main form")
    form.get_by_label("Titre").fill(title)
    form.get_by_label("Rythme").select_option(label="Chaque semaine")
    form.get_by_label(WEEKDAYS[start.weekday()], exact=True).check()
    form.get_by_label("Première date").fill(start.date().isoformat())
    form.get_by_label("Heure de début (heure locale)").fill(start.strftime("%H:%M"))
    form.get_by_label("Durée en minutes").fill("90")
    assert form.get_by_label("Fuseau horaire").input_value() == "Europe/Zurich"
    founder.submit(form.get_by_role("button", name="Enregistrer"))
    assert f"La série de rencontres « {title} » est créée." in messages_text(founder)
    first_card = founder.page.locator("main li.card").first
    assert start.strftime("%H:%M") in first_card.inner_text()
    founder.follow(first_card.get_by_role("link", name=title))
    occurrence_path = urlsplit(founder.page.url).path
    volunteer(founder, "Personne d'accueil")
    assert join_button(founder).count() == 0
    assert "La salle ouvre 15 minutes avant le début de la rencontre." in main_text(founder)

    # The newcomer says they are coming and volunteers as timekeeper; no room yet for them either.
    newcomer = signed_in(open_checked_page, people["newcomer"])
    newcomer.goto(occurrence_path)
    newcomer.submit(newcomer.page.get_by_role("button", name="J'y serai"))
    assert "Votre réponse est enregistrée." in messages_text(newcomer)
    volunteer(newcomer, "Chronométreur·se")
    assert join_button(newcomer).count() == 0
    assert "accueillir" not in main_text(newcomer).lower()

    # The welcome contact sees them marked as new, and sends them a few words.
    founder.goto(occurrence_path)
    coming = founder.page.locator("section[aria-labelledby=answers-title] li").filter(
        has_text=people["newcomer"]["pseudonym"])
    assert "nouvelle personne" in coming.inner_text()
    welcome = founder.page.locator("#welcome form")
    assert welcome.count() == 1
    words = f"Bienvenue ! Je serai là dix minutes avant ({word})."
    welcome.get_by_label(f"Mot d'accueil pour {people['newcomer']['pseudonym']}").fill(words)
    newcomer_name = people["newcomer"]["pseudonym"]
    founder.submit(welcome.get_by_role("button", name=f"Envoyer le mot d'accueil à {newcomer_name}"))
    assert f"Votre mot d'accueil est envoyé à {newcomer_name}" in messages_text(founder)
    assert f"{newcomer_name} a reçu son mot d'accueil" in founder.page.locator("#welcome").inner_text()
    assert founder.page.locator("#welcome form").count() == 0
    newcomer.goto("/conversations/")
    newcomer.follow(newcomer.page.locator("main").get_by_role("link", name=people["founder"]["pseudonym"]).first)
    assert words in main_text(newcomer)


    # Ten minutes later (see the module's docstring): the room is open for both.
    later = start_shifted_clock_server(seconds=CLOCK_SHIFT.total_seconds())
    for checked in (founder, newcomer):
        checked.server = later
        checked.goto(occurrence_path)
        assert join_button(checked).count() == 1
    newcomer.goto("/meetings/mine/")
    assert newcomer.page.locator("main").get_by_role("link", name="Rejoindre la rencontre").count() == 1

    # On the first server, whose clock stayed, the room is still shut.
    newcomer.server = demo_server
    newcomer.goto(occurrence_path)
    assert join_button(newcomer).count() == 0
