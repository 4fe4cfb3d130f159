"""An unlisted group opens to its members and to whoever holds its invite link, never to a
member its role holders removed: the removal changes the link, and the new one does not open
the group to them either."""

import pytest
from django.urls import reverse

from entraide.models import Group, Visibility
from entraide.services.groups import group_leave
from tests.factories import UserFactory, join, make_group
from tests.moderation.builders import removed_from

pytestmark = pytest.mark.django_db

SECRET_NAME = "Zq8 Cercle non répertorié"


@pytest.fixture
def unlisted():
    return make_group(name=SECRET_NAME, visibility=Visibility.UNLISTED)


def invite(token):
    return reverse("group_invite", kwargs={"token": token})


def opens(client, user, url, method="get", **data) -> tuple[int, bool]:
    client.force_login(user)
    response = getattr(client, method)(url, data)
    return response.status_code, SECRET_NAME in response.content.decode()


def test_a_removed_member_cannot_open_the_group_with_the_link_they_kept_nor_with_the_new_one(client, unlisted):
    member = join(unlisted)
    old_link = invite(unlisted.invite_token)
    assert opens(client, member, old_link) == (200, True)

    removed = removed_from(unlisted, member)
    new_token = Group.objects.get(pk=unlisted.pk).invite_token

    assert opens(client, removed, old_link) == (404, False)
    assert opens(client, removed, invite(new_token)) == (404, False)
    assert opens(client, removed, unlisted.get_absolute_url()) == (404, False)
    join_url = reverse("group_join", kwargs={"slug": unlisted.slug})
    assert opens(client, removed, join_url, "post", invite=new_token, charter_version=unlisted.charter_version) == (
        404, False)


def test_after_a_removal_the_old_link_opens_nothing_and_the_new_one_opens_the_group(client, unlisted):
    old_link = invite(unlisted.invite_token)
    removed_from(unlisted, join(unlisted))
    new_link = invite(Group.objects.get(pk=unlisted.pk).invite_token)
    newcomer = UserFactory()

    assert opens(client, newcomer, old_link) == (404, False)
    assert opens(client, newcomer, new_link) == (200, True)
    assert opens(client, unlisted.created_by, unlisted.get_absolute_url()) == (200, True)


def test_a_member_who_simply_left_may_come_back_by_the_link(client, unlisted):
    member = join(unlisted)
    group_leave(actor=member, group=unlisted)
    assert opens(client, member, unlisted.get_absolute_url()) == (404, False)
    assert opens(client, member, invite(unlisted.invite_token)) == (200, True)
