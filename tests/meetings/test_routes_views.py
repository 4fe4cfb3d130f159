"""Every meetings route, asked by every kind of person, answers what that person may do there:
the page, or the action done (and then something changed), or a refusal (and then nothing did).

tests/entraide/test_routes_views.py walks every route of the project for 5xx answers and leaks;
this one says, route by route and role by role, who gets in. The live room's routes are its own
tests' (tests/meetings/test_live_*.py).

The people: a visitor, someone outside the group, staff (no shortcut in group matters), a member
who left, a removed member, a member coming to the meeting, its host, its welcome contact, and
the planner (the group's role holder, who created the series). The meeting starts in ten
minutes: its room is open, its agenda still takes proposals."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.models import PrivateMessage
from entraide.services.groups import group_leave
from meetings.models import AgendaItem, CalendarFeed, MeetingRole, MeetingRoleKind, MeetingSeries, Occurrence, Rsvp, RsvpAnswer
from meetings.services.agenda import agenda_item_propose
from meetings.services.calendars import calendar_feed_for
from meetings.services.roles import meeting_role_take
from meetings.services.rsvps import rsvp_set
from meetings.services.series import series_create
from tests.factories import UserFactory, join, make_group
from tests.moderation.builders import removed_from

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "staff", "left", "removed", "member", "host", "welcome", "planner")
MEMBERS = {"member", "host", "welcome", "planner"}
OUTSIDE = set(ROLES) - MEMBERS
SIGNED_IN = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)


class World:
    """One group, one meeting in ten minutes, and a person in each role."""

    def __init__(self):
        settled = timezone.now() - timedelta(days=3)
        person = lambda **fields: UserFactory(date_joined=settled, **fields)  # noqa: E731
        self.people = {"anonymous": None}
        planner = self.people["planner"] = person()
        self.group = make_group(planner, name="Vivre avec la douleur")
        start = timezone.localtime() + timedelta(minutes=10)
        self.series = series_create(
            actor=planner, group=self.group, title="Groupe du soir", recurrence="weekly",
            weekdays=[start.weekday()], starts_on=start.date(),
            start_time=start.time().replace(second=0, microsecond=0), duration_minutes=90,
            time_zone=timezone.get_current_timezone_name(), format="online")
        self.occurrence = self.series.occurrences.order_by("starts_at").first()
        for role in ("member", "host", "welcome", "left", "removed", "newcomer"):
            self.people[role] = join(self.group, person())
        self.people["outsider"], self.people["staff"] = person(), person(is_staff=True)
        for role in ("member", "host", "newcomer"):
            rsvp_set(actor=self.people[role], occurrence=self.occurrence, answer=RsvpAnswer.GOING)
        meeting_role_take(actor=self.people["host"], occurrence=self.occurrence, role=MeetingRoleKind.HOST)
        meeting_role_take(actor=self.people["welcome"], occurrence=self.occurrence, role=MeetingRoleKind.WELCOME)
        self.item = agenda_item_propose(actor=self.people["member"], occurrence=self.occurrence,
                                        text="Les nuits difficiles.")
        agenda_item_propose(actor=self.people["newcomer"], occurrence=self.occurrence, text="Le travail.")
        self.feed = calendar_feed_for(actor=self.people["member"])
        group_leave(actor=self.people["left"], group=self.group)
        removed_from(self.group, self.people["removed"])

    def url(self, name, **extra):
        by_name = {
            "slug": self.group.slug, "pk": self.series.pk if name.startswith("meeting_series") else self.occurrence.pk,
        }
        if name in ("my_meetings", "meeting_calendar", "meeting_guide_feed"):
            by_name = {}
        elif name in ("meeting_group_calendar", "meeting_list", "meeting_series_create"):
            by_name = {"slug": self.group.slug}
        elif name == "meeting_member_calendar":
            by_name = {"token": self.feed.token}
        elif name == "meeting_guide":
            by_name = {"guide": "video-group"}
        return reverse(name, kwargs={**by_name, **extra})

    def client_for(self, client, role):
        if self.people[role] is not None:
            client.force_login(self.people[role])
        return client


@pytest.fixture
def world():
    return World()


# --- Pages ---------------------------------------------------------------------------------------

PAGES = {
    # route: who gets the page (200); everyone else is refused
    "my_meetings": SIGNED_IN,
    "meeting_list": MEMBERS,
    "meeting_series_create": {"planner"},
    "meeting_series_edit": {"planner"},
    "meeting_occurrence": MEMBERS,
    "meeting_agenda": MEMBERS,
    "meeting_notes": MEMBERS,
    "meeting_group_calendar": EVERYONE,
    "meeting_calendar": SIGNED_IN,
    # The secret address is the key: whoever holds it reads the member's feed.
    "meeting_member_calendar": EVERYONE,
    "meeting_guide_feed": EVERYONE,
    "meeting_guide": EVERYONE,
}


def _refusal(role, status, response):
    """A visitor is asked to sign in; a removed member does not learn the group's meetings exist
    beyond what a visitor would; anyone else is told no, never with an error."""
    if role == "anonymous" and status == 302:
        return reverse("account_login") in response["Location"]
    return status in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_each_meetings_page_opens_for_those_who_may_see_it_and_only_them(client, world, role):
    client = world.client_for(client, role)
    wrong = []
    for name, allowed in PAGES.items():
        response = client.get(world.url(name))
        status = response.status_code
        if role in allowed and status != 200:
            wrong.append(f"{name}: {status}, expected 200")
        elif role not in allowed and not _refusal(role, status, response):
            wrong.append(f"{name}: {status}, expected a refusal")
    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_the_room_link_is_on_the_page_for_members_only(client, world):
    """Inside the window, each member sees the join link; nobody else reaches the page."""
    for role in MEMBERS:
        client.force_login(world.people[role])
        assert "Rejoindre la rencontre" in client.get(world.url("meeting_occurrence")).content.decode(), role


# --- Actions -------------------------------------------------------------------------------------


def _rsvps(world):
    return set(Rsvp.objects.filter(occurrence=world.occurrence).values_list("member_id", "answer"))


def _roles(world):
    return set(MeetingRole.objects.filter(occurrence=world.occurrence).values_list("role", "member_id"))


def _occurrence(world):
    return Occurrence.objects.filter(pk=world.occurrence.pk).values_list("cancelled_at", "starts_at").get()


def _series(world):
    return MeetingSeries.objects.filter(pk=world.series.pk).values_list("ended_at", "room_name").get()


def _items(world):
    return list(AgendaItem.objects.filter(occurrence=world.occurrence, removed_at__isnull=True)
                .order_by("position", "pk").values_list("pk", "text"))


def _feed_tokens(world):
    return set(CalendarFeed.objects.values_list("member_id", "token"))


ACTIONS = {
    # route: (what is posted, what it changes, who may do it)
    "meeting_occurrence_rsvp": (lambda w: {"answer": RsvpAnswer.MAYBE}, _rsvps, MEMBERS),
    "meeting_occurrence_role": (lambda w: {"role": MeetingRoleKind.TIMEKEEPER, "action": "take"}, _roles, MEMBERS),
    "meeting_occurrence_welcome": (
        lambda w: {"member": w.people["newcomer"].pk, "body": "Bienvenue !"},
        lambda w: PrivateMessage.objects.count(), {"welcome"}),
    "meeting_occurrence_cancel": (lambda w: {"reason": "Malade."}, _occurrence, {"planner"}),
    "meeting_occurrence_move": (
        lambda w: {"date": (timezone.localtime(w.occurrence.starts_at) + timedelta(days=1)).date().isoformat(),
                   "time": "20:00", "reason": "Un jour plus tard."},
        _occurrence, {"planner"}),
    "meeting_series_end": (lambda w: {}, _series, {"planner"}),
    "meeting_series_room_rotate": (lambda w: {}, _series, {"planner"}),
    "meeting_agenda": (lambda w: {"text": "Un point de plus."}, _items, MEMBERS),
    "meeting_agenda_item_move": (lambda w: {"direction": "down"}, _items, {"host", "planner"}),
    # Its author may take an item back, and the host and the planner may remove it.
    "meeting_agenda_item_remove": (lambda w: {}, _items, {"member", "host", "planner"}),
    "meeting_agenda_template": (lambda w: {"template": "rounds"}, _items, {"host", "planner"}),
    "meeting_agenda_prompt": (lambda w: {"prompt": "story"}, _items, {"host", "planner"}),
    "meeting_calendar": (lambda w: {}, _feed_tokens, SIGNED_IN),
}
ITEM_ROUTES = {"meeting_agenda_item_move", "meeting_agenda_item_remove"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ACTIONS)
def test_each_meetings_action_is_done_by_those_who_may_and_changes_nothing_for_the_others(
        client, world, name, role):
    data, state, allowed = ACTIONS[name]
    client = world.client_for(client, role)
    url = world.url(name, **({"item_pk": world.item.pk} if name in ITEM_ROUTES else {}))
    before = state(world)

    response = client.post(url, data(world))

    if role in allowed:
        assert response.status_code == 302 and state(world) != before, (response.status_code, role)
    else:
        assert _refusal(role, response.status_code, response), (response.status_code, role)
        assert state(world) == before


@pytest.mark.parametrize("name", [*PAGES, *ACTIONS])
def test_a_method_a_route_does_not_take_is_answered_405(client, world, name):
    client.force_login(world.people["planner"])
    url = world.url(name, **({"item_pk": world.item.pk} if name in ITEM_ROUTES else {}))

    response = client.put(url) if name in ACTIONS or name in ("meeting_series_create", "meeting_series_edit",
                                                              "meeting_notes") else client.post(url)

    assert response.status_code == 405
