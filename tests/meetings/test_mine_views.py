"""My meetings: the coming meetings of all a member's groups, in the member's own time zone
(naming the group's zone when it is another), with the join button once joining opens."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from meetings.models import RsvpAnswer
from meetings.services.rsvps import rsvp_set
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join
from tests.queries import SESSION_QUERIES

from .meeting_builders import NOW, planned_group, starting_soon, weekly_series

pytestmark = pytest.mark.django_db


def test_my_meetings_lists_my_groups_meetings_and_leaves_out_those_i_said_no_to(client):
    first_group, first_planner = planned_group(name="Premier groupe")
    second_group, second_planner = planned_group(name="Deuxième groupe")
    other_group, other_planner = planned_group(name="Pas le mien")
    mine = weekly_series(first_group, first_planner, title="Mardi soir")
    declined = weekly_series(second_group, second_planner, title="Jeudi", weekdays=[3], time_zone="Europe/London")
    weekly_series(other_group, other_planner, title="Ailleurs")
    member = join(second_group, join(first_group))
    for occurrence in declined.occurrences.all():
        rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.NOT_GOING)
    client.force_login(member)
    response = client.get(reverse("my_meetings"))
    content = response.content.decode()
    assert "Mardi soir" in content and "19:00" in content
    # The member and the group both keep Zurich time: no zone to point out.
    assert "à l'heure du groupe" not in content
    assert "Jeudi" not in content and "Ailleurs" not in content
    assert mine.occurrences.count() >= 16
    assert_valid_html(response)


def test_a_member_in_another_time_zone_reads_their_own_hour_and_the_groups(client):
    group, planner = planned_group()
    weekly_series(group, planner, title="Mardi soir", starts_on=date(2026, 1, 6), now=NOW)
    member = join(group, UserFactory(time_zone="America/Montreal"))
    client.force_login(member)

    with time_machine.travel(NOW, tick=False):
        content = client.get(reverse("my_meetings")).content.decode()

    # 19:00 in Zurich in January is 13:00 in Montreal.
    assert "mardi 6 janvier 2026, 13:00</time>–14:30" in content
    assert "(votre heure, America/Montreal ; mardi 19:00 à l'heure du groupe, Europe/Zurich)" in content
    assert 'datetime="2026-01-06T13:00:00-05:00"' in content
    assert "fuseau America/Montreal" in content


def test_the_join_button_appears_once_joining_opens(client):
    group, planner = planned_group()
    series = weekly_series(group, planner)
    client.force_login(planner)
    assert "Rejoindre la rencontre" not in client.get(reverse("my_meetings")).content.decode()
    starting_soon(series.occurrences.first(), planner)
    assert "Rejoindre la rencontre" in client.get(reverse("my_meetings")).content.decode()


def test_my_meetings_asks_a_signed_in_member():
    from django.test import Client

    response = Client().get(reverse("my_meetings"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("size", [2, 10])
def test_my_meetings_costs_the_same_queries_whatever_the_number_of_meetings(client, django_assert_num_queries,
                                                                           size):
    member = None
    for index in range(size):
        group, planner = planned_group(name=f"Groupe {index}")
        series = weekly_series(group, planner)
        member = join(group, member)
        for occurrence in series.occurrences.all()[:2]:
            rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.GOING)
    client.force_login(member)
    # Session, user, what the header shows, the occurrences with counts, their roles, the member's answers.
    with django_assert_num_queries(SESSION_QUERIES + 5):
        assert client.get(reverse("my_meetings")).status_code == 200
