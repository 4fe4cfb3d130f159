"""E-mail about notifications, sent by the task worker (django-tasks).

What a mail says: who, the thread's title and a link, never a word of the post or message.
Group forums hold health data; it stays on the platform, behind a sign-in, and a mailbox is
neither private nor ours to secure. Every mail carries a one-click unsubscribe link
(RFC 8058), in the body and in its List-Unsubscribe headers."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task


def _unsubscribe_url(member) -> str:
    from .services.notifications import unsubscribe_token

    return settings.SITE_URL + reverse("notifications_unsubscribe", kwargs={"token": unsubscribe_token(member)})


def _send(member, template: str, context: dict) -> int:
    unsubscribe_url = _unsubscribe_url(member)
    with translation.override(member.preferred_language or settings.LANGUAGE_CODE):
        context = {
            **context,
            "member": member,
            "site_name": settings.SITE_NAME,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": settings.SITE_URL + reverse("notification_preferences"),
        }
        subject = " ".join(render_to_string(f"forums/mail/{template}_subject.txt", context).split())
        body = render_to_string(f"forums/mail/{template}.txt", context)
    mail = EmailMessage(
        subject, body, to=[member.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    return mail.send()


def _line(notification) -> dict:
    from .notification_selectors import describe, open_url

    return {"text": describe(notification), "url": open_url(notification, absolute=True)}


@task()
def send_notification_email(notification_id: int) -> int:
    """The "at once" mail. Sends nothing if the notification was read, already mailed, or no
    longer points at anything visible. Returns mails sent."""
    from .models import EmailFrequency, Notification
    from .notification_selectors import notification_for
    from .services.notifications import email_frequency

    recipient_id = Notification.objects.filter(pk=notification_id).values_list("recipient", flat=True).first()
    if recipient_id is None:
        return 0
    from entraide.models import User

    member = User.objects.filter(pk=recipient_id, is_active=True, deleted_at__isnull=True).first()
    if member is None or email_frequency(member) != EmailFrequency.IMMEDIATE:
        return 0
    notification = notification_for(member, notification_id)
    if notification is None or notification.read_at or notification.emailed_at:
        return 0
    with transaction.atomic():
        if not Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
            return 0
        with translation.override(member.preferred_language or settings.LANGUAGE_CODE):
            line = _line(notification)
        return _send(member, "notification", {"line": line})


@task()
def send_daily_digests() -> int:
    """One mail per member with unread notifications not yet mailed. Returns mails sent."""
    from .models import Notification
    from .notification_selectors import digest_batches

    sent = 0
    for member, notifications in digest_batches():
        with transaction.atomic():
            claimed = Notification.objects.filter(
                pk__in=[n.pk for n in notifications], emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            if not claimed:
                continue
            with translation.override(member.preferred_language or settings.LANGUAGE_CODE):
                lines = [_line(notification) for notification in notifications]
            sent += _send(member, "digest", {"lines": lines, "count": len(lines)})
    return sent
