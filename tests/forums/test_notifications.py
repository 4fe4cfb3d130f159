import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from entraide.errors import Conflict, NotAllowed
from entraide.services.groups import group_leave
from forums.models import EmailFrequency, Notification, NotificationKind, Subscription
from forums.notification_selectors import describe, unread_count
from forums.services.notifications import (
    notification_preference_set, notifications_for_post, subscription_stop, subscription_watch_forum,
    subscription_watch_thread,
)
from forums.services.posts import post_delete
from forums.tasks import send_daily_digests
from moderation.services.content import content_hide
from moderation.services.safety import member_block, member_mute
from tests.factories import UserFactory

from .builders import fresh
from .notification_builders import group_of, new_thread, reply

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlimited_posting")]


@pytest.fixture
def trio():
    anna, bruno, chloe = UserFactory(pseudonym="Anna"), UserFactory(pseudonym="Bruno"), UserFactory(pseudonym="Chloé")
    return group_of(anna, bruno, chloe), anna, bruno, chloe


def kinds_for(member):
    return list(Notification.objects.filter(recipient=member).values_list("kind", flat=True))


def test_a_reply_notifies_the_thread_author_and_never_the_replier(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    assert kinds_for(anna) == [NotificationKind.REPLY]
    assert kinds_for(bruno) == []


def test_quoting_a_post_notifies_its_author_as_a_reply(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    quoted = reply(django_capture_on_commit_callbacks, thread, bruno)
    reply(django_capture_on_commit_callbacks, thread, chloe, "> Merci\n\nOui.", quote_of=quoted)
    assert kinds_for(bruno) == [NotificationKind.REPLY]


def test_a_mention_notifies_the_member_named_once_even_if_also_replied_to(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna et @Chloé, merci.")
    assert kinds_for(anna) == [NotificationKind.MENTION]
    assert kinds_for(chloe) == [NotificationKind.MENTION]


def test_watching_a_thread_brings_each_new_post(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=fresh(chloe), thread=thread)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    reply(django_capture_on_commit_callbacks, thread, bruno, "Encore un mot.")
    assert kinds_for(chloe) == [NotificationKind.THREAD_POST, NotificationKind.THREAD_POST]


def test_watching_a_forum_brings_new_threads_but_not_every_reply(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    subscription_watch_forum(actor=fresh(chloe), group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    assert kinds_for(chloe) == [NotificationKind.FORUM_THREAD]


def test_the_author_is_never_notified_of_their_own_post(trio, django_capture_on_commit_callbacks):
    group, anna, _bruno, _chloe = trio
    subscription_watch_forum(actor=fresh(anna), group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, body="Je me cite : @Anna")
    subscription_watch_thread(actor=fresh(anna), thread=thread)
    reply(django_capture_on_commit_callbacks, thread, anna)
    assert kinds_for(anna) == []


def test_a_member_who_muted_the_author_is_not_notified(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    member_mute(actor=fresh(anna), member=bruno)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna tu es là ?")
    reply(django_capture_on_commit_callbacks, thread, bruno, "Toujours moi, anonyme.", is_anonymous=True)
    assert kinds_for(anna) == []


def test_a_member_who_blocked_the_author_is_not_notified_of_mentions(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    member_block(actor=fresh(anna), member=bruno)
    new_thread(django_capture_on_commit_callbacks, group, bruno, body="Bonjour @Anna")
    assert kinds_for(anna) == []


def test_an_anonymous_author_stays_a_member_of_the_group(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno, "Sans mon pseudonyme.", is_anonymous=True)
    notification = Notification.objects.get(recipient=anna)
    assert describe(notification).startswith("un membre du groupe a répondu")
    assert "Bruno" not in describe(notification)


def test_a_member_outside_the_group_gets_nothing(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    outsider = UserFactory(pseudonym="Dora")
    with pytest.raises(NotAllowed):
        subscription_watch_forum(actor=outsider, group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=fresh(chloe), thread=thread)
    group_leave(actor=fresh(chloe), group=group)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Dora @Chloé bonjour")
    assert kinds_for(outsider) == [] and kinds_for(chloe) == []


def test_hidden_and_deleted_posts_notify_nobody(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    Notification.objects.all().delete()
    content_hide(actor=fresh(anna), target=post, reason="Hors charte")
    assert notifications_for_post(post) == 0
    deleted = reply(django_capture_on_commit_callbacks, thread, bruno, "Je retire.")
    Notification.objects.all().delete()
    post_delete(actor=fresh(bruno), post=deleted)
    assert notifications_for_post(deleted) == 0
    assert not Notification.objects.exists()


def test_a_notification_about_a_post_hidden_later_is_no_longer_counted(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 1
    content_hide(actor=fresh(anna), target=post, reason="Hors charte")
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 0


def test_notifying_twice_for_one_post_creates_nothing_more(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    assert notifications_for_post(post) == 0
    assert Notification.objects.filter(post=post).count() == 1


def test_watching_twice_or_stopping_what_one_does_not_watch_is_a_conflict(trio, django_capture_on_commit_callbacks):
    group, anna, _bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=fresh(chloe), thread=thread)
    with pytest.raises(Conflict):
        subscription_watch_thread(actor=chloe, thread=thread)
    subscription_stop(actor=chloe, thread=thread)
    with pytest.raises(Conflict):
        subscription_stop(actor=chloe, thread=thread)
    assert not Subscription.objects.exists()


# --- E-mail -------------------------------------------------------------------------------------

def test_members_who_chose_at_once_get_a_mail_with_the_title_a_link_and_no_text(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    notification_preference_set(actor=anna, email_frequency=EmailFrequency.IMMEDIATE)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, title="Les nuits difficiles")
    reply(django_capture_on_commit_callbacks, thread, bruno, "Mon traitement me fatigue beaucoup.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [anna.email]
    assert "Les nuits difficiles" in message.body
    assert "traitement" not in message.body and "traitement" not in message.subject
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get(recipient=anna).emailed_at is not None


def test_the_daily_digest_groups_unread_notifications_once(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    notification_preference_set(actor=chloe, email_frequency=EmailFrequency.NEVER)
    subscription_watch_forum(actor=fresh(chloe), group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, title="Premier sujet")
    reply(django_capture_on_commit_callbacks, thread, bruno)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna encore moi")
    assert mail.outbox == []  # the default is the digest
    assert send_daily_digests.call() == 1
    assert [message.to for message in mail.outbox] == [[anna.email]]
    assert mail.outbox[0].body.count("Premier sujet") == 2
    assert "Votre résumé du jour : 2 notifications" in mail.outbox[0].subject
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers
    assert send_daily_digests.call() == 0


def test_the_digest_leaves_out_what_was_read(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    Notification.objects.update(read_at=Notification.objects.get().created_at)
    assert send_daily_digests.call() == 0


def test_the_send_digests_command_sends_them(trio, django_capture_on_commit_callbacks, capsys):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    call_command("send_digests")
    assert len(mail.outbox) == 1
    assert "1 digest(s) sent." in capsys.readouterr().out


def test_the_task_worker_is_asked_once_for_the_next_digest(settings, trio, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    reply(django_capture_on_commit_callbacks, thread, bruno, "Et encore.")
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "forums.tasks.send_daily_digests"
    assert queued.run_after is not None and timezone.localtime(queued.run_after).hour == 18


def test_reading_a_thread_reads_the_notifications_about_what_the_page_showed(
    trio, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from forums.selectors import POSTS_PER_PAGE

    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    for _index in range(POSTS_PER_PAGE):
        reply(django_capture_on_commit_callbacks, thread, bruno)
    # The last reply is post 21, on the second page: the first page does not show it.
    assert Notification.objects.filter(recipient=anna, read_at__isnull=True).count() == POSTS_PER_PAGE

    client.force_login(anna)
    url = reverse("forum_thread", args=[group.slug, thread.pk])
    client.get(url)
    unread = Notification.objects.filter(recipient=anna, read_at__isnull=True)
    assert [notification.post.number for notification in unread] == [POSTS_PER_PAGE + 1]
    client.get(f"{url}?page=2")
    assert unread_count(fresh(anna)) == 0
