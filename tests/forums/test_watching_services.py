"""Watching threads and forums, and who hears of a new post (forums.services.watching): replies,
quotes, mentions and watches notify, never the author nor a member who silenced them, and what
was told of a post hidden or deleted is withdrawn. Leaving a group, or being removed from it,
ends watching it: nothing of it is announced to the former member any more, neither on the
site nor by e-mail."""

import pytest
from django.core import mail

from entraide.errors import Conflict, NotAllowed
from entraide.services.groups import group_leave
from forums.models import Post, Subscription
from forums.notifying import watched_forums, watched_threads
from forums.services.posts import post_delete
from forums.services.watching import (
    FORUM_THREAD, MENTION, REPLY, THREAD_POST, notifications_for_post, subscription_stop, subscription_watch_forum,
    subscription_watch_thread,
)
from moderation.services.content import content_hide, content_restore
from moderation.services.safety import member_block, member_mute
from notifications.models import EmailFrequency, Notification
from notifications.selectors import about, unread_count
from notifications.tasks import send_daily_digests, send_notification_email
from tests.factories import UserFactory
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


# --- Who hears of a new post -------------------------------------------------------------------

def kinds_for(member):
    return list(Notification.objects.filter(recipient=member).values_list("kind", flat=True))


def test_a_reply_notifies_the_thread_author_and_never_the_replier(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    assert kinds_for(anna) == [REPLY]
    assert kinds_for(bruno) == []


def test_quoting_a_post_notifies_its_author_as_a_reply(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    quoted = reply(django_capture_on_commit_callbacks, thread, bruno)
    reply(django_capture_on_commit_callbacks, thread, chloe, "> Merci\n\nOui.", quote_of=quoted)
    assert kinds_for(bruno) == [REPLY]


def test_a_mention_notifies_the_member_named_once_even_if_also_replied_to(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna et @Chloé, merci.")
    assert kinds_for(anna) == [MENTION]
    assert kinds_for(chloe) == [MENTION]


def test_watching_a_thread_brings_each_new_post(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=chloe, thread=thread)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    reply(django_capture_on_commit_callbacks, thread, bruno, "Encore un mot.")
    assert kinds_for(chloe) == [THREAD_POST, THREAD_POST]


def test_watching_a_forum_brings_new_threads_but_not_every_reply(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    subscription_watch_forum(actor=chloe, group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    assert kinds_for(chloe) == [FORUM_THREAD]


def test_the_author_is_never_notified_of_their_own_post(trio, django_capture_on_commit_callbacks):
    group, anna, _bruno, _chloe = trio
    subscription_watch_forum(actor=anna, group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, body="Je me cite : @Anna")
    subscription_watch_thread(actor=anna, thread=thread)
    reply(django_capture_on_commit_callbacks, thread, anna)
    assert kinds_for(anna) == []


def test_a_member_who_muted_the_author_is_not_notified(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    member_mute(actor=anna, member=bruno)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna tu es là ?")
    reply(django_capture_on_commit_callbacks, thread, bruno, "Toujours moi, anonyme.", is_anonymous=True)
    assert kinds_for(anna) == []


def test_a_member_who_blocked_the_author_is_not_notified_of_mentions(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    member_block(actor=anna, member=bruno)
    new_thread(django_capture_on_commit_callbacks, group, bruno, body="Bonjour @Anna")
    assert kinds_for(anna) == []


def test_a_member_outside_the_group_gets_nothing(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    outsider = UserFactory(pseudonym="Dora")
    with pytest.raises(NotAllowed):
        subscription_watch_forum(actor=outsider, group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=chloe, thread=thread)
    group_leave(actor=chloe, group=group)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Dora @Chloé bonjour")
    assert kinds_for(outsider) == [] and kinds_for(chloe) == []


def test_hidden_and_deleted_posts_notify_nobody(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    content_hide(actor=anna, target=post, reason="Hors charte")
    assert notifications_for_post(post) == 0
    deleted = reply(django_capture_on_commit_callbacks, thread, bruno, "Je retire.")
    post_delete(actor=bruno, post=deleted)
    assert notifications_for_post(deleted) == 0
    assert not Notification.objects.exists()


def test_what_was_told_of_a_post_hidden_later_is_withdrawn_and_not_told_again_when_restored(
        trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 1
    content_hide(actor=anna, target=post, reason="Hors charte")
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 0
    assert not about(post).exists()
    content_restore(actor=anna, target=post, reason="Finalement conforme")
    assert not about(post).exists()


def test_what_was_told_of_a_post_its_author_deleted_is_withdrawn(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno, "@Chloé tu vois ?")
    kept = reply(django_capture_on_commit_callbacks, thread, chloe, "Oui.")
    post_delete(actor=bruno, post=post)
    assert not about(post).exists()
    assert about(kept).filter(recipient=anna).exists()
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 1
    assert unread_count(type(chloe).objects.get(pk=chloe.pk)) == 0


def test_notifying_twice_for_one_post_creates_nothing_more(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    assert notifications_for_post(post) == 0
    assert about(post).count() == 1
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 1


def test_watching_twice_or_stopping_what_one_does_not_watch_is_a_conflict(trio, django_capture_on_commit_callbacks):
    group, anna, _bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=chloe, thread=thread)
    with pytest.raises(Conflict):
        subscription_watch_thread(actor=chloe, thread=thread)
    subscription_stop(actor=chloe, thread=thread)
    with pytest.raises(Conflict):
        subscription_stop(actor=chloe, thread=thread)
    assert not Subscription.objects.exists()
