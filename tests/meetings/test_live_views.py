"""The live room in the pages: beside the video room on the occurrence page, with each member's
own controls, and the display view for the room's screen, for members only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.services.occurrences import occurrence_move
from tests.conftest import assert_valid_html
from tests.queries import SESSION_QUERIES

from .live_room_builders import live_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return live_meeting()


def occurrence_url(meeting):
    return reverse("meeting_occurrence", args=[meeting.group.slug, meeting.occurrence.pk])


def display_url(meeting, pk=None):
    return reverse("meeting_live_display", args=[meeting.group.slug, pk or meeting.occurrence.pk])


def controls(content) -> set[str]:
    return {name for name in ("round_start", "round_done", "hand_raise", "floor_next", "timer_start", "agenda_next")
            if f'data-send="{name}"' in content}


@pytest.mark.parametrize("who, allowed", [
    ("host", {"round_start", "round_done", "hand_raise", "floor_next", "agenda_next"}),
    ("timekeeper", {"round_done", "hand_raise", "floor_next", "timer_start"}),
    ("member", {"round_done", "hand_raise"}),
])
def test_the_occurrence_page_shows_the_live_room_with_each_members_own_controls(client, meeting, who, allowed):
    client.force_login(getattr(meeting, who))
    response = client.get(occurrence_url(meeting))
    content = response.content.decode()
    assert f'data-socket="/ws/meetings/{meeting.occurrence.pk}/live/"' in content
    assert "live_room.js" in content and "Salon de la rencontre" in content
    assert controls(content) == allowed
    assert_valid_html(response)


def test_before_the_join_window_the_page_says_when_the_room_opens_and_opens_no_socket(client):
    meeting = live_meeting(minutes=40)
    client.force_login(meeting.member)
    content = client.get(occurrence_url(meeting)).content.decode()
    assert "Le salon de la rencontre ouvre 15 minutes avant le début." in content
    assert "data-socket" not in content and "live_room.js" not in content


def test_the_display_view_shows_the_room_in_large_type_with_no_controls(client, meeting, django_assert_num_queries):
    client.force_login(meeting.host)
    with django_assert_num_queries(SESSION_QUERIES + 5):
        response = client.get(display_url(meeting))
    assert response.status_code == 200
    content = response.content.decode()
    assert "live-display" in content and "data-display" in content
    assert "data-send" not in content and 'type="checkbox"' not in content
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    assert_valid_html(response)


def test_the_display_view_is_for_members_only(client, meeting):
    assert client.get(display_url(meeting)).status_code == 403
    client.force_login(meeting.outsider)
    response = client.get(display_url(meeting))
    assert response.status_code == 403
    assert "data-socket" not in response.content.decode()


@pytest.mark.parametrize("pk", ["999999", str(2**63), str(10**30)])
def test_the_display_view_of_a_meeting_that_does_not_exist_is_404(client, meeting, pk):
    client.force_login(meeting.member)
    url = f"/groups/{meeting.group.slug}/meetings/occurrences/{pk}/live/display/"
    assert client.get(url).status_code == 404


def test_the_display_view_of_another_groups_meeting_is_404(client, meeting):
    other = live_meeting(name="Un autre groupe", suffix="2")
    client.force_login(meeting.member)
    assert client.get(display_url(meeting, other.occurrence.pk)).status_code == 404


def test_the_display_view_takes_only_get(client, meeting):
    client.force_login(meeting.member)
    assert client.post(display_url(meeting)).status_code == 405


def test_a_meeting_moved_to_tomorrow_shows_on_the_display_when_its_room_opens(client, meeting):
    occurrence_move(actor=meeting.planner, occurrence=meeting.occurrence, reason="Plus tard.",
                    starts_at=timezone.now() + timedelta(days=1))
    client.force_login(meeting.member)
    content = client.get(display_url(meeting)).content.decode()
    assert "ouvre 15 minutes avant" in content and "data-socket" not in content
