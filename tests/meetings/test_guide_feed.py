"""The Meeting Guide feed lists the weekly meetings of listed groups in the format meeting
finders read, validated against the spec's schema; it never gives the room or a private place."""

import json
from datetime import time
from pathlib import Path
from zoneinfo import available_timezones

import jsonschema
import pytest
from django.urls import reverse
from referencing import Registry, Resource

from entraide.models import JoinPolicy, Visibility
from meetings.models import MeetingFormat, Recurrence

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db

SCHEMAS = Path("/work/shared/data/meeting-guide")
# The spec's address patterns are US-only (its README says so): the Swiss address of a
# published place goes in `location`, which has none.


def _validator():
    resources = {}
    for name in ("meeting.schema.json", "meeting-type.schema.json", "feed.schema.json"):
        schema = json.loads((SCHEMAS / name).read_text())
        resources[schema["$id"]] = Resource.from_contents(schema)
    feed = json.loads((SCHEMAS / "feed.schema.json").read_text())
    return jsonschema.Draft7Validator(feed, registry=Registry().with_resources(resources.items()),
                                      format_checker=jsonschema.FormatChecker())


def _feed(client) -> list:
    response = client.get(reverse("meeting_guide_feed"))
    assert response.status_code == 200
    return response.json()


def test_the_feed_validates_against_the_meeting_guide_schema(client):
    group, planner = planned_group()
    weekly_series(group, planner, weekdays=[1, 3])
    weekly_series(group, planner, title="Au café", format=MeetingFormat.IN_PERSON, place="Café du Centre",
                  place_is_public=True, language="de", newcomers_welcome=False)

    feed = _feed(client)

    assert len(feed) == 2
    assert list(_validator().iter_errors(feed)) == []


def _schema(name) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def test_every_field_type_code_and_zone_is_one_the_spec_names(client):
    """The schema lets unknown fields and proposed type codes through: its field names and the
    codes currently available are checked here, with every language and format in the feed."""
    group, planner = planned_group()
    closed, closed_planner = planned_group(name="Sur demande", join_policy=JoinPolicy.REQUEST)
    for language, format in zip(("fr", "de", "it", "en"), MeetingFormat.values + [MeetingFormat.ONLINE]):
        weekly_series(group, planner, title=f"{language} {format}", language=language, format=format,
                      place="Salle 3, Rue du Lac 1" if format != MeetingFormat.ONLINE else "",
                      place_is_public=language == "de", newcomers_welcome=language != "it")
    weekly_series(closed, closed_planner, weekdays=[0, 6], time_zone="Europe/Rome", start_time=time(23, 0),
                  duration_minutes=120)

    feed = _feed(client)

    fields = set(_schema("meeting.schema.json")["properties"])
    available = set(_schema("meeting-type.schema.json")["items"]["anyOf"][0]["enum"])
    assert len(feed) == 5 and list(_validator().iter_errors(feed)) == []
    for entry in feed:
        assert set(entry) <= fields, set(entry) - fields
        assert set(entry["types"]) <= available, set(entry["types"]) - available
        assert entry["timezone"] in available_timezones()
    assert {code for entry in feed for code in entry["types"]} == {"FR", "DE", "ITA", "EN", "BE", "O", "C"}
    late, = [entry for entry in feed if entry["group"] == closed.name]
    assert (late["day"], late["time"], late["end_time"]) == ([0, 1], "23:00", "01:00")


def test_an_entry_has_its_day_time_zone_and_type_codes(client):
    group, planner = planned_group()
    series = weekly_series(group, planner, weekdays=[1], duration_minutes=90)

    entry, = _feed(client)

    assert entry["name"] == series.title and entry["group"] == group.name
    assert entry["day"] == 2  # Tuesday, Sunday being 0
    assert (entry["time"], entry["end_time"], entry["timezone"]) == ("19:00", "20:30", "Europe/Zurich")
    assert entry["types"] == ["FR", "BE", "O"]
    assert entry["slug"] and len(entry["slug"]) <= 64


def test_the_conference_url_is_the_groups_public_page_never_the_room(client):
    group, planner = planned_group()
    series = weekly_series(group, planner)

    entry, = _feed(client)

    assert entry["conference_url"].endswith(group.get_absolute_url())
    assert series.room_name not in json.dumps(entry)


def test_an_in_person_place_appears_only_as_the_region_unless_published(client):
    group, planner = planned_group(region_code="vd")
    weekly_series(group, planner, format=MeetingFormat.IN_PERSON, place="Rue du Secret 4, Lausanne")

    entry, = _feed(client)

    assert "Rue du Secret" not in json.dumps(entry)
    assert entry["region"] == group.region.name
    assert "conference_url" not in entry


def test_a_group_joined_on_request_is_closed(client):
    group, planner = planned_group(join_policy=JoinPolicy.REQUEST)
    weekly_series(group, planner)

    entry, = _feed(client)

    assert "C" in entry["types"] and "O" not in entry["types"]


def test_unlisted_groups_and_meetings_that_are_not_weekly_are_left_out(client):
    unlisted, planner = planned_group(visibility=Visibility.UNLISTED)
    weekly_series(unlisted, planner)
    listed, other_planner = planned_group(name="Deuil : parler de l'absence")
    weekly_series(listed, other_planner, recurrence=Recurrence.FORTNIGHTLY)

    assert _feed(client) == []


def test_the_feed_takes_one_query_whatever_the_number_of_meetings(client, django_assert_num_queries):
    group, planner = planned_group()
    for index in range(4):
        weekly_series(group, planner, title=f"Série {index}")

    with django_assert_num_queries(1):
        client.get(reverse("meeting_guide_feed"))
