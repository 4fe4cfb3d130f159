"""The group's meetings page and the series form, for members and for those who plan."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import MeetingRoleKind, MeetingSeries, RsvpAnswer
from meetings.recurrence import TIME_IN_GAP, UNKNOWN_ZONE
from meetings.services.roles import meeting_role_take
from meetings.services.rsvps import rsvp_set
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join
from tests.queries import SESSION_QUERIES

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Groupe du mardi", "description": "On se retrouve.", "kind": "sharing", "recurrence": "weekly",
    "weekdays": ["1"], "week_of_month": "", "starts_on": "2030-01-01", "ends_on": "", "start_time": "19:00",
    "duration_minutes": "90", "time_zone": "Europe/Zurich", "format": "online", "place": "", "capacity": "",
    "language": "fr", "newcomers_welcome": "on",
}


def _post(client, group, **changes):
    return client.post(reverse("meeting_series_create", args=[group.slug]), {**FORM, **changes})


def test_a_role_holder_creates_a_weekly_series_through_the_form(client):
    group, planner = planned_group()
    client.force_login(planner)
    response = client.get(reverse("meeting_series_create", args=[group.slug]))
    assert response.status_code == 200
    assert_valid_html(response)
    response = _post(client, group, starts_on=timezone.localdate().isoformat())
    assert response.status_code == 302
    series = MeetingSeries.objects.get()
    assert series.weekdays == [1] and series.occurrences.count() >= 16


@pytest.mark.parametrize(("changes", "message"), [
    ({"starts_on": "2030-02-30"}, "Cette date n&#x27;existe pas"),
    ({"time_zone": "Mars/Olympus"}, str(UNKNOWN_ZONE).replace("'", "&#x27;")[:40]),
    ({"starts_on": "2030-03-31", "weekdays": ["6"], "start_time": "02:30"}, str(TIME_IN_GAP).replace("'", "&#x27;")[:40]),
    ({"duration_minutes": "0"}, "La durée doit être comprise"),
    ({"duration_minutes": "721"}, "La durée doit être comprise"),
])
def test_bad_input_is_answered_400_with_its_message_and_the_form_keeps_what_was_typed(client, changes, message):
    group, planner = planned_group()
    client.force_login(planner)
    response = _post(client, group, **changes)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'value="Groupe du mardi"' in content
    assert not MeetingSeries.objects.exists()


def test_a_capacity_below_those_going_is_refused_on_the_edit_page(client):
    group, planner = planned_group()
    series = weekly_series(group, planner)
    for _ in range(2):
        rsvp_set(actor=join(group), occurrence=series.occurrences.first(), answer=RsvpAnswer.GOING)
    client.force_login(planner)
    url = reverse("meeting_series_edit", args=[group.slug, series.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**FORM, "starts_on": series.starts_on.isoformat(), "capacity": "1"})
    assert response.status_code == 400
    assert "le nombre de places ne peut pas être plus petit" in response.content.decode()
    series.refresh_from_db()
    assert series.capacity is None


def test_a_member_without_a_role_is_refused_the_form_and_an_outsider_the_page(client):
    group, planner = planned_group()
    series = weekly_series(group, planner)
    client.force_login(join(group))
    assert client.get(reverse("meeting_series_create", args=[group.slug])).status_code == 403
    assert client.get(reverse("meeting_series_edit", args=[group.slug, series.pk])).status_code == 403
    assert client.post(reverse("meeting_series_end", args=[group.slug, series.pk])).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("meeting_list", args=[group.slug])).status_code == 403


def test_ending_and_renaming_the_room_from_the_page(client):
    group, planner = planned_group()
    series = weekly_series(group, planner)
    client.force_login(planner)
    old_room = series.room_name
    assert client.post(reverse("meeting_series_room_rotate", args=[group.slug, series.pk])).status_code == 302
    assert client.post(reverse("meeting_series_end", args=[group.slug, series.pk])).status_code == 302
    series.refresh_from_db()
    assert series.room_name != old_room and series.ended_at is not None


def _busy_meetings(size: int):
    group, planner = planned_group()
    series_list = [weekly_series(group, planner), weekly_series(group, planner, title="Jeudi", weekdays=[3])]
    reader = join(group)
    for series in series_list:
        for occurrence in series.occurrences.all()[:size]:
            for _ in range(size):
                rsvp_set(actor=join(group), occurrence=occurrence, answer=RsvpAnswer.GOING)
            meeting_role_take(actor=reader, occurrence=occurrence, role=MeetingRoleKind.WELCOME)
    return group, reader


@pytest.mark.parametrize("size", [2, 10])
def test_the_meetings_page_shows_open_roles_and_counts_in_the_same_queries_whatever_its_size(
        client, django_assert_num_queries, size):
    group, reader = _busy_meetings(size)
    client.force_login(reader)
    url = reverse("meeting_list", args=[group.slug])
    # Session, user, group, standing, occurrences with counts, their roles, the reader's answers, series.
    with django_assert_num_queries(SESSION_QUERIES + 7):
        response = client.get(url)
    assert response.status_code == 200
    assert "Rôles à prendre" in response.content.decode()
    assert_valid_html(response)
