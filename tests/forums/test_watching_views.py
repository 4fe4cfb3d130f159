"""Watching a thread or a forum, and stopping, from its watch page or from the preferences
page, which names only the groups the member is still in: a group they left, or were removed
from, appears neither under its old name nor under the one it took since. Reading a thread
reads what was told of the posts it showed."""

import pytest
from django.urls import reverse

from entraide.models import Visibility
from entraide.services.groups import group_leave, group_update
from forums.models import Subscription
from forums.selectors import POSTS_PER_PAGE
from forums.services.watching import subscription_watch_forum, subscription_watch_thread
from notifications.models import Notification
from notifications.selectors import unread_count
from tests.conftest import assert_valid_html
from tests.factories import UserFactory
from tests.moderation.builders import removed_from
from tests.notifications.builders import group_of, new_thread, reply, seasoned

from .builders import a_thread

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlimited_posting")]


def leave(group, member):
    group_leave(actor=member, group=group)
    return member


@pytest.mark.parametrize("ending", [leave, removed_from], ids=["left", "removed"])
def test_a_group_left_or_removed_from_is_not_on_the_watch_settings_page(client, ending):
    anna, chloe = seasoned(pseudonym="Anna"), seasoned(pseudonym="Chloé")
    group = group_of(anna, chloe, name="Zq8 Cercle discret", unlisted=True)
    thread = a_thread(group, anna, title="Zq8 Sujet suivi")
    subscription_watch_forum(actor=chloe, group=group)
    subscription_watch_thread(actor=chloe, thread=thread)
    client.force_login(chloe)
    before = client.get(reverse("notification_preferences")).content.decode()
    assert "Zq8 Cercle discret" in before and "Zq8 Sujet suivi" in before

    old_slug = group.slug
    chloe = ending(group, chloe)
    group_update(actor=anna, group=group, name="Zq8 Nouveau nom", slug="zq8-nouveau-nom",
                 visibility=Visibility.UNLISTED)
    response = client.get(reverse("notification_preferences"))

    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    for trace in ("Zq8 Cercle discret", "Zq8 Nouveau nom", "Zq8 Sujet suivi", old_slug, "zq8-nouveau-nom",
                  f"/forum/{thread.pk}/"):
        assert trace not in html
    assert "Vous ne suivez aucun forum" in html and "Vous ne suivez aucun sujet" in html


def page(response) -> str:
    assert_valid_html(response)
    return response.content.decode()


def test_a_member_watches_and_stops_watching_a_thread_and_a_forum(client, django_capture_on_commit_callbacks):
    anna, bruno = UserFactory(pseudonym="Anna"), UserFactory(pseudonym="Bruno")
    group = group_of(anna, bruno)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    client.force_login(bruno)
    thread_url = reverse("forum_thread_watch", args=[group.slug, thread.pk])
    forum_url = reverse("forum_watch", args=[group.slug])
    assert "Suivez ce sujet" in page(client.get(thread_url))
    assert client.post(thread_url, {"action": "watch"}).status_code == 302
    assert client.post(forum_url, {"action": "watch"}).status_code == 302
    assert Subscription.objects.filter(member=bruno).count() == 2
    html = page(client.get(reverse("notification_preferences")))
    assert thread.title in html and group.name in html
    assert f'action="{thread_url}"' in html and f'action="{forum_url}"' in html
    assert "Vous suivez ce forum" in page(client.get(forum_url))
    response = client.post(thread_url, {"action": "watch"})
    assert response.status_code == 409 and "Vous suivez déjà ce sujet." in page(response)
    assert client.post(thread_url, {"action": "stop"}).status_code == 302
    assert client.post(forum_url, {"action": "stop"}).status_code == 302
    assert client.post(forum_url, {"action": "sideways"}).status_code == 400
    assert not Subscription.objects.exists()


def test_outsiders_cannot_watch_a_groups_forum(client, django_capture_on_commit_callbacks):
    anna = UserFactory(pseudonym="Anna")
    group = group_of(anna, UserFactory())
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    hidden = group_of(UserFactory(), unlisted=True)
    client.force_login(UserFactory())
    assert client.post(reverse("forum_thread_watch", args=[group.slug, thread.pk]), {"action": "watch"}).status_code == 403
    assert client.get(reverse("forum_watch", args=[hidden.slug])).status_code == 404
    assert not Subscription.objects.exists()


def test_reading_a_thread_reads_the_notifications_about_what_the_page_showed(
    client, unlimited_posting, django_capture_on_commit_callbacks
):
    anna, bruno = UserFactory(pseudonym="Anna"), UserFactory(pseudonym="Bruno")
    group = group_of(anna, bruno)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    for _index in range(POSTS_PER_PAGE):
        reply(django_capture_on_commit_callbacks, thread, bruno)
    # The last reply is post 21, on the second page: the first page does not show it.
    assert Notification.objects.filter(recipient=anna, read_at__isnull=True).count() == POSTS_PER_PAGE

    client.force_login(anna)
    url = reverse("forum_thread", args=[group.slug, thread.pk])
    client.get(url)
    unread = Notification.objects.filter(recipient=anna, read_at__isnull=True)
    assert [notification.subject.number for notification in unread] == [POSTS_PER_PAGE + 1]
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 1
    client.get(f"{url}?page=2")
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 0
