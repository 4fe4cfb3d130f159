"""The page of a group that stopped: it says so and since when, members keep reading its
history, and whoever tries to join is told why not."""

import pytest
from django.utils import formats, timezone

from entraide.models import Group
from entraide.permissions import GROUP_STOPPED
from entraide.services.groups import group_stop
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group
from tests.queries import SESSION_QUERIES

pytestmark = pytest.mark.django_db


def stopped_group():
    founder = UserFactory()
    group = make_group(founder)
    group_stop(actor=None, group=group)
    return Group.objects.get(pk=group.pk), founder


def test_the_page_of_a_stopped_group_says_it_stopped_and_when(client):
    group, founder = stopped_group()
    client.force_login(founder)
    response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert 'id="group-stopped"' in page
    assert formats.date_format(timezone.localtime(group.stopped_at), "DATE_FORMAT") in page
    assert "Modifier le groupe" not in page
    assert f"/groups/{group.slug}/join/" not in page


def stopped_with(members: int):
    founder = UserFactory()
    group = make_group(founder, name=f"Groupe de {members + 1}", slug="")
    for _ in range(members):
        join(group)
    group_stop(actor=None, group=group)
    return group, founder


def test_the_page_of_a_stopped_group_takes_the_same_queries_with_few_or_many_members(
        client, django_assert_num_queries):
    for members in (1, 25):
        group, founder = stopped_with(members)
        client.force_login(founder)
        with django_assert_num_queries(SESSION_QUERIES + 11):
            assert client.get(group.get_absolute_url()).status_code == 200


def test_members_keep_reading_the_forum_and_the_chat_of_a_stopped_group(client):
    group, founder = stopped_group()
    client.force_login(founder)
    assert client.get(f"/groups/{group.slug}/forum/").status_code == 200
    assert client.get(f"/groups/{group.slug}/chat/").status_code == 200


def test_joining_a_stopped_group_by_its_link_is_refused_with_a_clear_message(client):
    group, _founder = stopped_group()
    visitor = UserFactory()
    client.force_login(visitor)
    page = client.get(f"/groups/invite/{group.invite_token}/")
    assert page.status_code == 200
    assert 'id="group-stopped"' in page.content.decode()
    response = client.post(f"/groups/{group.slug}/join/", {
        "accept_charter": "on", "charter_version": group.charter_version, "invite": group.invite_token})
    assert response.status_code == 403
    assert str(GROUP_STOPPED).split(":")[0] in response.content.decode()
    assert not group.memberships.filter(user=visitor).exists()


def test_a_stopped_group_is_no_longer_found_by_those_without_its_link(client):
    group, _founder = stopped_group()
    client.force_login(UserFactory())
    assert client.get(group.get_absolute_url()).status_code == 404
