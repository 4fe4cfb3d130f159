import json

import pytest

from entraide.services.accounts import account_delete
from forums.models import Post, Subscription
from notifications.models import Notification
from forums.services.posts import post_create
from tests.forums.builders import a_thread, forum

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_members_posts_and_forum_preferences(client):
    group, creator, _member = forum()
    thread = a_thread(group, creator, title="Mon premier sujet", body="Bonjour à toutes et tous")
    client.force_login(creator)
    data = json.loads(client.get("/profile/export.json").content)
    assert [post["body"] for post in data["forum_posts"]] == ["Bonjour à toutes et tous"]
    assert data["forum_posts"][0]["thread"] == thread.title
    assert "forum_preferences" in data and "private_messages" in data and "stories" in data


def test_deleting_an_account_keeps_posts_and_forgets_subscriptions_and_notifications(
    django_capture_on_commit_callbacks,
):
    group, creator, other = forum()
    thread = a_thread(group, other, title="Sujet", body="Je commence")
    with django_capture_on_commit_callbacks(execute=True):
        post_create(actor=creator, thread=thread, body="Je réponds")
    assert Notification.objects.filter(recipient=other).exists()
    account_delete(actor=other, member=other)
    assert Post.objects.filter(author=other).count() == 1
    assert not Notification.objects.filter(recipient=other).exists()
    assert not Subscription.objects.filter(member=other).exists()
