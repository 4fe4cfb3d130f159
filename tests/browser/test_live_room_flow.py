"""The live room of a meeting as two members see it, each in their own browser: the host starts
a round and both see the same queue, in the order they came in; the timekeeper raises a hand
and both see it; the timekeeper starts the timer for the host, who has the floor, and both see
the same countdown, within a second. The room's page passes the axe check with the room filled
in, and is kept for the Nu Html Checker (see conftest).

The meeting starts a few minutes from now, so that its room is open; it is set up through the
services on the server's database, with its host and timekeeper. Everything the room does is
done in the pages, over the room's socket."""

import re
import secrets
import string

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CheckedPage, assert_accessible, log_in, server_shell
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

SETUP = """
from datetime import timedelta

from django.utils import timezone

from meetings.models import MeetingRoleKind
from meetings.services.roles import meeting_role_take
from meetings.services.series import series_create
from tests.factories import UserFactory, join, make_group

word = {word!r}


def member(name):
    return UserFactory(email=f"{{name.lower()}}-{{word}}@example.org", pseudonym=f"{{name}}{{word}}")


founder = member("Fondatrice")
group = make_group(founder, name=f"Vivre avec la douleur {{word}}")
host, timekeeper = join(group, member("Animatrice")), join(group, member("Gardien"))
start = timezone.localtime() + timedelta(minutes=5)
series = series_create(
    actor=founder, group=group, title=f"Groupe du soir {{word}}", recurrence="weekly", weekdays=[start.weekday()],
    starts_on=start.date(), start_time=start.time().replace(second=0, microsecond=0), duration_minutes=90,
    time_zone=timezone.get_current_timezone_name(), format="hybrid", place="Maison des associations, salle 2",
)
occurrence = series.occurrences.order_by("starts_at").first()
meeting_role_take(actor=host, occurrence=occurrence, role=MeetingRoleKind.HOST)
meeting_role_take(actor=timekeeper, occurrence=occurrence, role=MeetingRoleKind.TIMEKEEPER)
result = {{
    "occurrence_url": f"/groups/{{group.slug}}/meetings/occurrences/{{occurrence.pk}}/",
    "people": {{key: {{"email": user.email, "pseudonym": user.pseudonym}}
               for key, user in (("host", host), ("timekeeper", timekeeper))}},
}}
"""

CONNECTED = "Connecté·e au salon."


def unique_word(length: int = 8) -> str:
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(length))


def in_the_room(open_checked_page, person: dict, occurrence_url: str) -> CheckedPage:
    checked = open_checked_page()
    log_in(checked, email=person["email"], password=PASSWORD)
    checked.goto(occurrence_url)
    expect(room(checked).locator("[data-live=connection]")).to_have_text(CONNECTED)
    return checked


def room(checked: CheckedPage):
    return checked.page.locator("#live-room")


def seconds_left(checked: CheckedPage) -> int:
    text = room(checked).locator("[data-live=timer]").inner_text()
    match = re.fullmatch(r"(\d+):(\d\d)", text.strip())
    assert match, f"not a countdown: {text!r}"
    return int(match.group(1)) * 60 + int(match.group(2))


def test_the_round_the_raised_hands_and_the_timer_look_the_same_to_both(demo_server, open_checked_page):
    word = unique_word()
    state = server_shell(demo_server, SETUP.format(word=word))
    people, url = state["people"], state["occurrence_url"]
    host_name, keeper_name = people["host"]["pseudonym"], people["timekeeper"]["pseudonym"]
    host = in_the_room(open_checked_page, people["host"], url)
    keeper = in_the_room(open_checked_page, people["timekeeper"], url)
    both = (host, keeper)

    # The host starts a round: everyone present is queued in the order they came in.
    room(host).get_by_role("button", name="Commencer un tour de table").click()
    for checked in both:
        expect(room(checked).locator("[data-live=round-queue] li")).to_have_text([host_name, keeper_name])
        expect(room(checked).get_by_role("status")).to_have_text(f"{host_name} a la parole.")
    # Whose turn it is has the words to end it; the others see no such button.
    expect(room(host).get_by_role("button", name="J'ai terminé")).to_be_visible()

    # The timekeeper raises a hand: both see it.
    room(keeper).get_by_role("button", name="Lever la main").press("Enter")
    for checked in both:
        expect(room(checked).locator("[data-live=hands] li")).to_have_text([keeper_name])
    expect(room(keeper).get_by_role("button", name="Baisser la main")).to_be_visible()

    # The timekeeper starts two minutes for the host: the same countdown on both screens.
    room(keeper).get_by_label("Durée").select_option(label="2 minutes")
    room(keeper).get_by_role("button", name="Lancer le minuteur").click()
    for checked in both:
        expect(room(checked).locator("[data-live=timer]")).to_have_text(re.compile(r"^[12]:\d\d$"))
        expect(room(checked).locator("[data-live=timer-for]")).to_have_text(f"Temps de parole de {host_name}")
    assert abs(seconds_left(host) - seconds_left(keeper)) <= 1
    assert 100 <= seconds_left(keeper) <= 120

    for checked in both:
        assert_accessible(checked.page)
        checked.assert_no_problems()
