"""The occurrence page: who is coming, the waiting list, answering, roles with the group's
holders suggested first, and cancelling or moving this date only."""

import re
from datetime import timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from entraide.services.accounts import profile_update
from meetings import permissions
from meetings.models import MeetingRoleKind, RsvpAnswer
from meetings.recurrence import zone_of
from meetings.services.occurrences import occurrence_cancel
from meetings.services.roles import meeting_role_take
from meetings.services.rsvps import rsvp_set
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join
from tests.queries import SESSION_QUERIES

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


def _url(occurrence, action=""):
    name = f"meeting_occurrence_{action}" if action else "meeting_occurrence"
    return reverse(name, args=[occurrence.series.group.slug, occurrence.pk])


def test_a_member_answers_and_sees_who_is_coming_and_who_waits(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner, capacity=1).occurrences.first()
    seated, waiting = join(group), join(group)
    rsvp_set(actor=seated, occurrence=occurrence, answer=RsvpAnswer.GOING)
    client.force_login(waiting)
    response = client.post(_url(occurrence, "rsvp"), {"answer": "going"}, follow=True)
    content = response.content.decode()
    assert "liste d&#x27;attente" in content
    assert seated.display_name in content and waiting.display_name in content
    assert occurrence.rsvps.get(member=waiting).waiting_since is not None


def test_an_answer_to_a_cancelled_meeting_is_answered_400_with_its_message(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    occurrence_cancel(actor=planner, occurrence=occurrence, reason="Salle fermée.")
    client.force_login(join(group))
    response = client.post(_url(occurrence, "rsvp"), {"answer": "going"})
    assert response.status_code == 400
    assert "Cette rencontre est annulée." in response.content.decode()
    assert not occurrence.rsvps.exists()


def test_a_member_volunteers_as_timekeeper_and_the_groups_timekeepers_are_suggested_first(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    newcomer = join(group)
    client.force_login(newcomer)
    before = client.get(_url(occurrence)).content.decode()
    assert "Suggéré en premier" in before and planner.display_name in before
    response = client.post(_url(occurrence, "role"), {"role": "timekeeper", "action": "take"})
    assert response.status_code == 302
    assert occurrence.roles.get().member == newcomer
    client.force_login(join(group))
    taken = client.post(_url(occurrence, "role"), {"role": "timekeeper", "action": "take"})
    assert taken.status_code == 409


def test_a_planner_moves_one_date_with_a_reason_and_a_time_in_the_gap_is_refused(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    client.force_login(planner)
    gap = client.post(_url(occurrence, "move"), {"date": "2030-03-31", "time": "02:30", "reason": "Printemps."})
    assert gap.status_code == 400 and "Cette heure n&#x27;existe pas ce jour-là" in gap.content.decode()
    moved = client.post(_url(occurrence, "move"), {"date": "2030-04-02", "time": "18:00", "reason": "Jour férié."})
    assert moved.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.is_moved and occurrence.move_reason == "Jour férié."
    no_reason = client.post(_url(occurrence, "cancel"), {"reason": ""})
    assert no_reason.status_code == 400
    assert client.post(_url(occurrence, "cancel"), {"reason": "Malade."}).status_code == 302
    page = client.get(_url(occurrence)).content.decode()
    assert "Cette rencontre est annulée." in page and "Malade." in page


def test_an_answer_to_a_meeting_that_is_over_is_answered_400_and_nothing_is_stored(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    member = join(group)
    client.force_login(member)

    with time_machine.travel(occurrence.ends_at + timedelta(hours=1), tick=False):
        response = client.post(_url(occurrence, "rsvp"), {"answer": "going"})

    assert response.status_code == 400
    assert unescape(str(permissions.STARTED)) in unescape(response.content.decode())
    assert not occurrence.rsvps.exists()


def test_a_move_to_a_30_february_is_refused_with_its_message_and_keeps_the_reason_typed(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    before = (occurrence.starts_at, occurrence.moved_at)
    client.force_login(planner)

    response = client.post(_url(occurrence, "move"), {"date": "2030-02-30", "time": "19:00",
                                                      "reason": "La salle est prise ce soir-là."})

    content = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Cette date n'existe pas" in content and "La salle est prise ce soir-là." in content
    occurrence.refresh_from_db()
    assert (occurrence.starts_at, occurrence.moved_at) == before
    assert_valid_html(response)


def test_the_page_shows_a_member_in_another_zone_their_hour_and_the_groups(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    client.force_login(join(group, UserFactory(time_zone="Asia/Tokyo")))

    content = unescape(client.get(_url(occurrence)).content.decode())

    tokyo = occurrence.starts_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert f"{tokyo:%H:%M}</time>" in content
    assert "(votre heure, Asia/Tokyo ; mardi 19:00 à l'heure du groupe, Europe/Zurich)" in content


def test_a_planner_in_another_zone_moves_a_date_in_the_groups_own_zone(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    profile_update(actor=planner, member=planner, time_zone="Asia/Tokyo")
    client.force_login(planner)

    content = client.get(_url(occurrence)).content.decode()

    time_input = re.search(r'<input[^>]*name="time"[^>]*>', content).group(0)
    assert 'value="19:00"' in time_input


def test_a_member_without_a_role_may_not_cancel(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    client.force_login(join(group))
    assert client.post(_url(occurrence, "cancel"), {"reason": "Non."}).status_code == 403
    assert not occurrence.rsvps.exists()


def test_another_groups_occurrence_is_not_found(client):
    group, planner = planned_group()
    other_group, other_planner = planned_group(name="Un autre groupe")
    elsewhere = weekly_series(other_group, other_planner).occurrences.first()
    client.force_login(planner)
    assert client.get(reverse("meeting_occurrence", args=[group.slug, elsewhere.pk])).status_code == 404


@pytest.mark.parametrize("size", [2, 10])
def test_the_occurrence_page_costs_the_same_queries_whatever_the_number_of_answers(
        client, django_assert_num_queries, size):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    for index in range(size):
        answer = RsvpAnswer.GOING if index % 2 else RsvpAnswer.MAYBE
        rsvp_set(actor=join(group), occurrence=occurrence, answer=answer)
    reader = join(group)
    meeting_role_take(actor=reader, occurrence=occurrence, role=MeetingRoleKind.WELCOME)
    client.force_login(reader)
    # Session, user, group, standing, the occurrence with counts, roles, the reader's answer,
    # all answers, the group's holders of the open roles, and (the reader being the welcome
    # contact) the newcomers among those coming.
    with django_assert_num_queries(SESSION_QUERIES + 9):
        response = client.get(_url(occurrence))
    assert response.status_code == 200
    assert_valid_html(response)


def test_a_planners_forms_carry_an_iso_date_and_ids_of_their_own(client):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    client.force_login(planner)
    content = client.get(_url(occurrence)).content.decode()
    local_date = occurrence.starts_at.astimezone(zone_of(occurrence.series.time_zone)).date()
    assert f'type="date" name="date" value="{local_date.isoformat()}"' in content
    ids = re.findall(r'\sid="([^"]+)"', content)
    assert sorted(identifier for identifier in set(ids) if ids.count(identifier) > 1) == []
