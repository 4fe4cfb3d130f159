"""Every forum URL of a group, asked by someone outside the group: 403 for a listed group's
members-only forum, 404 for an unlisted group, and a sign-in page for visitors."""

import pytest
from django.urls import URLPattern, reverse
from django.utils.html import escape

from entraide.models import Visibility
from entraide.permissions import MEMBERS_ONLY
from forums import urls as forum_urls
from forums.models import ForumSettings
from forums.services.posts import post_create
from moderation.models import RoleKind
from moderation.permissions import MODERATORS_ONLY
from tests.factories import UserFactory
from tests.moderation.builders import end_term

from .builders import a_thread, forum

pytestmark = pytest.mark.django_db

GROUP_ROUTES = [pattern.name for pattern in forum_urls.urlpatterns
                if isinstance(pattern, URLPattern) and str(pattern.pattern).startswith("groups/<slug:slug>/forum/")]


def test_the_routes_under_test_are_every_forum_route_of_a_group():
    # The group's stories page is public once a story is approved: tested with the stories.
    group_routes = {pattern.name for pattern in forum_urls.urlpatterns if "<slug:slug>" in str(pattern.pattern)}
    assert group_routes - set(GROUP_ROUTES) == {"group_stories", "story_decide"}
    assert {"forum_threads", "forum_thread", "forum_post", "forum_post_history", "forum_search"} <= set(GROUP_ROUTES)


def _url(name, group, thread, post):
    pattern = next(pattern for pattern in forum_urls.urlpatterns if pattern.name == name)
    kwargs = {"slug": group.slug}
    if "thread_id" in str(pattern.pattern):
        kwargs["thread_id"] = thread.pk
    if "number" in str(pattern.pattern):
        kwargs["number"] = post.number
    return reverse(name, kwargs=kwargs)


def _statuses(client, url):
    """What GET and POST answer (a 405 says only that the other method is the one to try)."""
    answers = [client.get(url).status_code, client.post(url, {"body": "x", "title": "x", "kind": "me_too",
                                                               "reason": "x", "action": "lock"}).status_code]
    return [status for status in answers if status != 405]


def _private_forum(unlisted):
    group, moderator, member = forum(unlisted=unlisted)
    thread = a_thread(group, member, is_anonymous=True)
    post = post_create(actor=moderator, thread=thread, body="Réponse")
    return group, thread, post


@pytest.mark.parametrize("name", GROUP_ROUTES)
def test_an_outsider_gets_403_on_a_listed_groups_private_forum(client, name):
    group, thread, post = _private_forum(unlisted=False)
    client.force_login(UserFactory())
    statuses = _statuses(client, _url(name, group, thread, post))
    assert statuses and set(statuses) == {403}
    assert thread.posts.count() == 2


@pytest.mark.parametrize("name", GROUP_ROUTES)
def test_an_outsider_gets_404_on_an_unlisted_groups_forum_even_if_marked_public(client, name):
    group, thread, post = _private_forum(unlisted=True)
    ForumSettings.objects.create(group=group, readable_by_anyone=True)
    client.force_login(UserFactory())
    statuses = _statuses(client, _url(name, group, thread, post))
    assert statuses and set(statuses) == {404}


@pytest.mark.parametrize("name", GROUP_ROUTES)
def test_a_visitor_is_sent_to_sign_in_or_refused(client, name):
    group, thread, post = _private_forum(unlisted=False)
    url = _url(name, group, thread, post)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in {302, 403, 405}
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login"))
    assert "Réponse" not in client.get(url).content.decode()


def test_an_outsider_cannot_read_a_thread_of_another_group_through_this_groups_url(client):
    group, _moderator, member = forum()
    other, _other_moderator, other_member = forum()
    thread = a_thread(other, other_member)
    client.force_login(member)
    assert client.get(reverse("forum_thread", args=[group.slug, thread.pk])).status_code == 404


def test_a_removed_visibility_closes_the_public_forum(client):
    group, moderator, member = forum()
    ForumSettings.objects.create(group=group, readable_by_anyone=True)
    thread = a_thread(group, member)
    assert client.get(reverse("forum_thread", args=[group.slug, thread.pk])).status_code == 200
    group.visibility = Visibility.UNLISTED
    group.save(update_fields=["visibility"])
    assert client.get(reverse("forum_thread", args=[group.slug, thread.pk])).status_code == 404


def test_an_outsider_of_an_unlisted_group_gets_404_on_its_forum_a_thread_and_a_post(client):
    group, thread, post = _private_forum(unlisted=True)
    client.force_login(UserFactory())
    for url in (reverse("forum_threads", args=[group.slug]), reverse("forum_thread", args=[group.slug, thread.pk]),
                reverse("forum_post", args=[group.slug, thread.pk, post.number])):
        assert client.get(url).status_code == 404


def test_an_outsider_of_a_listed_group_is_told_the_forum_is_for_its_members(client):
    group, thread, _post = _private_forum(unlisted=False)
    client.force_login(UserFactory())
    response = client.get(reverse("forum_thread", args=[group.slug, thread.pk]))
    assert response.status_code == 403 and str(escape(str(MEMBERS_ONLY))) in response.content.decode()
    assert "Réponse" not in response.content.decode()


def test_a_moderator_whose_term_ended_is_refused_the_moderation_tools_with_the_moderators_message(client):
    group, thread, _post = _private_forum(unlisted=False)
    moderator = end_term(group, group.created_by, RoleKind.MODERATOR)
    client.force_login(moderator)
    response = client.post(reverse("forum_thread_moderate", args=[group.slug, thread.pk]), {"action": "lock"})
    assert response.status_code == 403 and str(escape(str(MODERATORS_ONLY))) in response.content.decode()
    thread.refresh_from_db()
    assert not thread.is_locked
