"""An occurrence whose live room is open, with its host, timekeeper and members, built through
the services, for the live room's tests."""

from dataclasses import dataclass

from asgiref.sync import async_to_sync

from meetings import presence
from meetings.models import MeetingRoleKind, Occurrence
from meetings.services.roles import meeting_role_take
from tests.factories import UserFactory, join

from .meeting_builders import planned_group, starting_soon, weekly_series


@dataclass
class LiveMeeting:
    group: object
    occurrence: Occurrence
    planner: object
    host: object
    timekeeper: object
    member: object
    other: object
    outsider: object


def live_meeting(*, minutes=10, host=True, timekeeper=True, name="Épilepsie entre nous", suffix="") -> LiveMeeting:
    """Starting in `minutes` (inside its join window for 15 or less); the planner created the
    group and holds its roles. The members' pseudonyms are their jobs (Host, Timekeeper...)."""
    group, planner = planned_group(name=name)
    occurrence = weekly_series(group, planner).occurrences.order_by("starts_at").first()
    occurrence = starting_soon(occurrence, planner, minutes=minutes)
    people = {role: join(group, UserFactory(pseudonym=role.capitalize() + suffix))
              for role in ("host", "timekeeper", "member", "other")}
    if host:
        meeting_role_take(actor=people["host"], occurrence=occurrence, role=MeetingRoleKind.HOST)
    if timekeeper:
        meeting_role_take(actor=people["timekeeper"], occurrence=occurrence, role=MeetingRoleKind.TIMEKEEPER)
    return LiveMeeting(group=group, occurrence=occurrence, planner=planner, outsider=UserFactory(), **people)


def arrive(occurrence, *members) -> None:
    """Members come into the room, in this order (what an open socket does)."""
    for member in members:
        async_to_sync(presence.arrive)(occurrence.pk, member.pk)


def leave(occurrence, member) -> None:
    async_to_sync(presence.leave)(occurrence.pk, member.pk)
