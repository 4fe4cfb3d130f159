"""Leaving a group, or being removed from it, ends watching it: nothing of it is announced to
the former member any more, neither on the site nor by e-mail."""

import pytest
from django.core import mail

from entraide.services.groups import group_leave
from forums.models import Post, Subscription
from forums.notifying import watched_forums, watched_threads
from forums.services.watching import subscription_watch_forum, subscription_watch_thread
from notifications.models import EmailFrequency, Notification
from notifications.selectors import about, unread_count
from notifications.tasks import send_daily_digests, send_notification_email
from tests.moderation.builders import removed_from
from tests.notifications.builders import group_of, mails_for_everything, new_thread, reply, seasoned


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlimited_posting")]


def leave(group, member):
    group_leave(actor=member, group=group)
    return member


ENDINGS = {"left": leave, "removed": removed_from}


@pytest.fixture
def watcher(django_capture_on_commit_callbacks):
    """Chloé watches the forum and a thread, wrote in it, and has a notification about it."""
    anna, bruno, chloe = seasoned(pseudonym="Anna"), seasoned(pseudonym="Bruno"), seasoned(pseudonym="Chloé")
    group = group_of(anna, bruno, chloe)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_forum(actor=chloe, group=group)
    subscription_watch_thread(actor=chloe, thread=thread)
    own_post = reply(django_capture_on_commit_callbacks, thread, chloe, "Je suis passée par là aussi.")
    reply(django_capture_on_commit_callbacks, thread, bruno)
    assert Notification.objects.filter(recipient=chloe).exists()
    return group, thread, own_post, anna, bruno, chloe


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_member_who_watched_and_then_left_or_was_removed_no_longer_watches_anything_there(watcher, ending):
    group, _thread, _own_post, _anna, _bruno, chloe = watcher
    other_group = group_of(seasoned(), chloe)
    kept = subscription_watch_forum(actor=chloe, group=other_group)

    chloe = ENDINGS[ending](group, chloe)

    assert list(Subscription.objects.filter(member=chloe)) == [kept]
    assert not about(Post.objects.filter(group=group)).filter(recipient=chloe).exists()
    assert unread_count(chloe) == 0
    assert [item.name for item in watched_forums(chloe).items] == [other_group.name]
    assert watched_threads(chloe).items == []


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_former_member_is_not_notified_of_new_threads_replies_quotes_or_mentions(
        watcher, ending, django_capture_on_commit_callbacks):
    group, thread, own_post, anna, bruno, chloe = watcher
    mails_for_everything(chloe, EmailFrequency.IMMEDIATE)
    mail.outbox.clear()

    chloe = ENDINGS[ending](group, chloe)
    new_thread(django_capture_on_commit_callbacks, group, anna, title="Un nouveau sujet")
    reply(django_capture_on_commit_callbacks, thread, bruno, "> Je suis passée par là\n\n@Chloé merci.",
          quote_of=own_post)
    reply(django_capture_on_commit_callbacks, thread, anna, "Une réponse de plus.")

    send_daily_digests.call()
    assert not Notification.objects.filter(recipient=chloe).exists()
    assert [message for message in mail.outbox if chloe.email in message.to] == []


def test_a_mail_still_queued_about_a_group_left_meanwhile_is_not_sent(watcher):
    group, _thread, _own_post, _anna, _bruno, chloe = watcher
    notification = Notification.objects.filter(recipient=chloe).latest("pk")
    mails_for_everything(chloe, EmailFrequency.IMMEDIATE)
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None, read_at=None)
    mail.outbox.clear()

    leave(group, chloe)

    assert send_notification_email.call(notification.pk) == 0
    assert mail.outbox == []


def test_a_member_who_stays_keeps_watching(watcher, django_capture_on_commit_callbacks):
    group, thread, _own_post, anna, bruno, chloe = watcher
    leave(group, bruno)
    reply(django_capture_on_commit_callbacks, thread, anna, "Toujours là ?")
    assert Subscription.objects.filter(member=chloe).count() == 2
    assert about(thread.posts.all()).filter(recipient=chloe).count() == 2
