"""A prepared query answers what its ORM query answers, with new values every time."""

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from entraide.models import Membership
from entraide.prepared import PreparedQuery
from entraide.services.groups import group_leave
from forums.notification_selectors import unread_count, visible_notifications
from forums.services.posts import post_create
from moderation.models import RoleHolding
from moderation.services.content import content_hide
from tests.factories import join, make_group

from ..forums.builders import a_thread, forum, fresh

pytestmark = pytest.mark.django_db


def _holdings(*, user_id, now):
    return RoleHolding.objects.current(now).filter(user=user_id).values("group_id", "role", "ends_at")


HOLDINGS = PreparedQuery(_holdings, user_id=int, now=datetime.datetime)


def test_rows_are_the_orms_own_values_with_aware_datetimes():
    group = make_group()
    now = timezone.now()
    rows = HOLDINGS.rows(user_id=group.created_by.pk, now=now)
    assert rows and rows == list(_holdings(user_id=group.created_by.pk, now=now))
    assert all(timezone.is_aware(row["ends_at"]) for row in rows)


def test_each_run_takes_its_own_values():
    group = make_group()
    founder, member = group.created_by, join(group)
    now = timezone.now()
    assert HOLDINGS.rows(user_id=member.pk, now=now) == []
    assert len(HOLDINGS.rows(user_id=founder.pk, now=now)) == 4
    # A hundred days later the founder's terms have ended.
    assert HOLDINGS.rows(user_id=founder.pk, now=now + timedelta(days=100)) == []


def test_booleans_from_subqueries_come_back_as_booleans():
    from django.db.models import Exists, OuterRef

    group = make_group()
    query = PreparedQuery(
        lambda user_id: Membership.objects.filter(user=user_id).annotate(
            holds=Exists(RoleHolding.objects.filter(group=OuterRef("group"), user=user_id))
        ).values("holds"),
        user_id=int,
    )
    assert query.first(user_id=group.created_by.pk) == {"holds": True}
    assert query.first(user_id=join(group).pk) == {"holds": False}
    assert query.first(user_id=-1) is None


def test_a_run_names_exactly_the_declared_values():
    with pytest.raises(TypeError):
        HOLDINGS.rows(user_id=1)
    with pytest.raises(TypeError):
        HOLDINGS.rows(user_id=1, now=timezone.now(), other=2)


def test_a_query_that_does_not_end_in_values_is_refused():
    query = PreparedQuery(lambda user_id: Membership.objects.filter(user=user_id), user_id=int)
    with pytest.raises(ImproperlyConfigured):
        query.rows(user_id=1)


def test_a_value_transformed_by_its_lookup_is_refused():
    query = PreparedQuery(lambda name: Membership.objects.filter(group__name__icontains=name).values("pk"), name=str)
    with pytest.raises(ImproperlyConfigured):
        query.rows(name="deuil")


def test_only_plain_types_are_declared():
    with pytest.raises(ImproperlyConfigured):
        PreparedQuery(lambda amount: Membership.objects.values("pk"), amount=float)


def test_the_unread_count_matches_the_visible_notifications(no_flood_limits, django_capture_on_commit_callbacks):
    group, moderator, member = forum()
    reader = join(group)
    thread = a_thread(group, reader)
    with django_capture_on_commit_callbacks(execute=True):
        posts = [post_create(actor=member, thread=thread, body=f"Réponse {index}") for index in range(3)]

    def counted():
        return visible_notifications().filter(recipient=reader, read_at__isnull=True).count()

    assert unread_count(fresh(reader)) == counted() == 3
    content_hide(actor=moderator, target=posts[0], reason="Hors charte")
    reader.__dict__.pop("_unread_notifications", None)
    assert unread_count(reader) == counted() == 2
    group_leave(actor=fresh(reader), group=group)
    reader.__dict__.pop("_unread_notifications", None)
    assert unread_count(reader) == counted() == 0


@pytest.mark.django_db(transaction=True)
def test_a_query_compiled_in_one_thread_runs_in_another():
    """Under ASGI every request has its own thread, hence its own connection."""
    import threading

    from django.db import connection

    group = make_group()
    now = timezone.now()
    here = HOLDINGS.rows(user_id=group.created_by.pk, now=now)
    there = []

    def run():
        try:
            there.extend(HOLDINGS.rows(user_id=group.created_by.pk, now=now))
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert there == here and len(here) == 4
