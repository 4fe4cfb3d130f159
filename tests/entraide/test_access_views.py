"""How a view opens a group (entraide.views.access): a group the visitor may not see is not
found, whether it exists or not; a check that refuses answers with its own message; the
member's standing is read once per request, however many times a page asks."""

import re

import pytest
from django.urls import reverse

from entraide import permissions
from entraide.models import Visibility
from entraide.standing import standing_for
from entraide.views.access import access_group
from tests.factories import UserFactory, join, make_group

pytestmark = pytest.mark.django_db

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def page_as_read(response, path) -> str:
    """What the visitor reads: the page without its one-time token and the address they typed."""
    return CSRF_TOKEN.sub("", response.content.decode()).replace(path, "<address>")


def test_a_missing_slug_and_an_unlisted_group_answer_the_same_404_page(client):
    unlisted = make_group(name="Zq9 Cercle discret", visibility=Visibility.UNLISTED)
    client.force_login(UserFactory())
    missing_url, hidden_url = reverse("group_detail", args=["aucun-groupe-ici"]), unlisted.get_absolute_url()
    missing, hidden = client.get(missing_url), client.get(hidden_url)
    assert missing.status_code == hidden.status_code == 404
    assert page_as_read(missing, missing_url) == page_as_read(hidden, hidden_url)
    assert "Zq9" not in page_as_read(hidden, hidden_url)


def test_a_listed_group_with_a_refusing_check_answers_403_with_the_checks_message(client):
    group = make_group()
    client.force_login(UserFactory())
    response = client.get(reverse("group_members", args=[group.slug]))
    assert response.status_code == 403
    assert response.content.decode().count(str(permissions.MEMBERS_ONLY)) == 1
    client.force_login(join(group))
    response = client.get(reverse("group_edit", args=[group.slug]))
    assert response.status_code == 403
    assert str(permissions.ROLE_HOLDERS_EDIT) in response.content.decode()


def test_the_standing_is_read_once_per_request_however_often_it_is_asked(rf, django_assert_num_queries):
    group = make_group()
    request = rf.get("/")
    request.user = join(group)
    # The group twice (each page opens it), the standing once, with the group the first time.
    with django_assert_num_queries(2):
        first = access_group(request, group.slug)
        second = access_group(request, group.slug, check=permissions.check_member)
    assert first is second and first.is_member
    with django_assert_num_queries(0):
        assert standing_for(request, group) is first


def test_another_request_reads_the_standing_afresh(rf):
    group = make_group()
    member = UserFactory()
    before, after = rf.get("/"), rf.get("/")
    before.user = after.user = member
    assert not access_group(before, group.slug).is_member
    join(group, member)
    assert access_group(after, group.slug).is_member
