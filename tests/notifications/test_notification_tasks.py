"""The e-mails about notifications: at once or in the daily digest, as each member chose for
each kind; worded in the member's language; never a word of what was written; always with a
one-click unsubscribe."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forums.services.watching import subscription_watch_forum
from notifications.models import EmailFrequency, Notification
from notifications.services import notification_preferences_set
from notifications.tasks import send_daily_digests, send_notification_email
from tests.factories import UserFactory

from .builders import group_of, mails_for_everything, new_thread, reply

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlimited_posting")]


@pytest.fixture
def trio():
    anna, bruno, chloe = UserFactory(pseudonym="Anna"), UserFactory(pseudonym="Bruno"), UserFactory(pseudonym="Chloé")
    return group_of(anna, bruno, chloe), anna, bruno, chloe


def test_members_who_chose_at_once_get_a_mail_with_the_title_a_link_and_no_text(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    mails_for_everything(anna, EmailFrequency.IMMEDIATE)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, title="Les nuits difficiles")
    reply(django_capture_on_commit_callbacks, thread, bruno, "Mon traitement me fatigue beaucoup.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [anna.email]
    assert "Bruno a répondu à votre message dans « Les nuits difficiles »." in message.body
    assert "traitement" not in message.body and "traitement" not in message.subject
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get(recipient=anna).emailed_at is not None


def test_each_kind_follows_its_own_choice(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    notification_preferences_set(actor=anna, choices={"mention": EmailFrequency.IMMEDIATE,
                                                      "reply": EmailFrequency.DAILY})
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, title="Premier sujet")
    reply(django_capture_on_commit_callbacks, thread, bruno, "Une réponse.")
    assert mail.outbox == []
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna et toi ?")
    [at_once] = mail.outbox
    assert "Bruno vous a mentionné·e dans « Premier sujet »." in at_once.body
    assert send_daily_digests.call() == 1
    assert "Bruno a répondu à votre message" in mail.outbox[1].body
    assert "mentionné" not in mail.outbox[1].body


def test_a_mail_is_worded_in_the_members_language(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    type(anna).objects.filter(pk=anna.pk).update(preferred_language="de")
    anna.refresh_from_db()
    mails_for_everything(anna, EmailFrequency.IMMEDIATE)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, title="Schlaflos")
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna hallo")
    [message] = mail.outbox
    assert "Bruno hat Sie in «Schlaflos» erwähnt." in message.body
    assert "mentionné" not in message.body


def test_the_daily_digest_groups_unread_notifications_once(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    mails_for_everything(chloe, EmailFrequency.NEVER)
    subscription_watch_forum(actor=chloe, group=group)
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
    Notification.objects.update(read_at=timezone.now())
    assert send_daily_digests.call() == 0


def test_a_queued_mail_about_what_was_read_meanwhile_is_not_sent(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    notification = Notification.objects.get()
    mails_for_everything(anna, EmailFrequency.IMMEDIATE)
    Notification.objects.update(read_at=timezone.now())
    assert send_notification_email.call(notification.pk) == 0
    assert send_notification_email.call(10**9) == 0
    assert mail.outbox == []


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
    assert queued.task_path == "notifications.tasks.send_daily_digests"
    assert queued.run_after is not None and timezone.localtime(queued.run_after).hour == 18
