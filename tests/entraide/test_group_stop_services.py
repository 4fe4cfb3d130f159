"""How a group stops: its last member leaves, or its members decide it (tests/moderation)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chat.services.messages import message_send
from entraide import registry
from entraide.errors import Conflict, NotAllowed
from entraide.models import Group, JoinPolicy, JoinRequest, JoinRequestStatus, Visibility
from entraide.permissions import GROUP_STOPPED
from entraide.services.groups import group_join, group_leave, group_stop, group_update, join_request_create
from forums.services.posts import thread_create
from meetings.models import Occurrence
from meetings.services.series import series_create
from moderation.models import LogAction, ModerationLogEntry
from tests.factories import UserFactory, join, make_group
from tests.meetings.meeting_builders import weekly_series

pytestmark = pytest.mark.django_db


def fresh(group):
    return Group.objects.get(pk=group.pk)


def test_stopping_sets_the_date_once_and_takes_the_group_out_of_the_directory():
    group = make_group()
    when = timezone.now()
    group_stop(actor=None, group=group, now=when)
    group = fresh(group)
    assert group.stopped_at == when
    assert group.visibility == Visibility.UNLISTED
    with pytest.raises(Conflict):
        group_stop(actor=None, group=group, now=when + timedelta(days=1))
    assert fresh(group).stopped_at == when


def test_the_moderation_log_records_that_the_group_stopped():
    group = make_group()
    group_stop(actor=None, group=group)
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.GROUP_STOPPED)
    assert entry.actor is None
    assert entry.actor_name


def test_the_last_member_leaving_stops_the_group():
    founder = UserFactory()
    group = make_group(founder)
    other = join(group)
    group_leave(actor=other, group=group)
    assert fresh(group).stopped_at is None
    group_leave(actor=founder, group=group)
    assert fresh(group).stopped_at is not None
    assert ModerationLogEntry.objects.filter(group=group, action=LogAction.GROUP_STOPPED).count() == 1


def test_nobody_joins_a_stopped_group():
    group = make_group()
    group_stop(actor=None, group=group)
    with pytest.raises(NotAllowed) as refused:
        group_join(actor=UserFactory(), group=fresh(group), charter_version_accepted=group.charter_version)
    assert refused.value.message == GROUP_STOPPED


def test_nobody_asks_to_join_a_stopped_group_and_pending_requests_are_declined():
    group = make_group(join_policy=JoinPolicy.REQUEST)
    asking = UserFactory()
    join_request_create(actor=asking, group=group, message="Bonjour", charter_version_accepted=group.charter_version)
    group_stop(actor=None, group=group)
    assert JoinRequest.objects.get(user=asking).status == JoinRequestStatus.DECLINED
    with pytest.raises(NotAllowed):
        join_request_create(actor=UserFactory(), group=fresh(group), charter_version_accepted=group.charter_version)


def test_a_stopped_group_is_not_edited_back_into_the_directory():
    founder = UserFactory()
    group = make_group(founder)
    group_stop(actor=None, group=group)
    with pytest.raises(NotAllowed):
        group_update(actor=founder, group=fresh(group), visibility=Visibility.LISTED)
    assert fresh(group).visibility == Visibility.UNLISTED


def test_members_of_a_stopped_group_no_longer_write_in_its_forum_or_chat():
    founder = UserFactory()
    group = make_group(founder)
    group_stop(actor=None, group=group)
    with pytest.raises(NotAllowed, match="arrêté"):
        thread_create(actor=founder, group=fresh(group), title="Encore là ?", body="Quelqu'un ?")
    with pytest.raises(NotAllowed, match="arrêté"):
        message_send(actor=founder, group=fresh(group), body="Bonjour", client_id="a1")


def test_coming_meetings_are_cancelled_and_no_new_series_is_planned():
    founder = UserFactory()
    group = make_group(founder)
    series = weekly_series(group, founder)
    coming = Occurrence.objects.filter(series=series, starts_at__gt=timezone.now())
    assert coming.exists()
    group_stop(actor=None, group=group)
    series.refresh_from_db()
    assert series.ended_at is not None
    assert not coming.filter(cancelled_at__isnull=True).exists()
    with pytest.raises(NotAllowed, match="arrêté"):
        series_create(actor=founder, group=fresh(group), title="Reprise", recurrence="once", weekdays=[],
                      starts_on=timezone.now().date() + timedelta(days=3), start_time=timezone.now().time(),
                      duration_minutes=60, time_zone="Europe/Zurich", format="online")


def test_what_other_apps_do_when_a_group_stops_runs_inside_the_stop():
    group = make_group()
    seen = []
    registry.group_stopped.register("test_probe", lambda *, actor, group, now: seen.append(
        Group.objects.get(pk=group.pk).stopped_at == now))
    try:
        group_stop(actor=None, group=group)
    finally:
        registry.group_stopped.unregister("test_probe")
    assert seen == [True]
