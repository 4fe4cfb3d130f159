"""E-mail about notifications, sent by the task worker (django-tasks).

What a mail says: what its kind words (who, the thread's title, the group) and a link, never a
word of a post or a message. Group forums hold health data; it stays on the platform, behind a
sign-in, and a mailbox is neither private nor ours to secure. Every mail carries a one-click
unsubscribe link (RFC 8058), in the body and in its List-Unsubscribe headers."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from entraide.models import User
from entraide.time_zones import reading_zone

from .mailing import send_list_mail
from .models import EmailFrequency, Notification
from .selectors import digest_batches, email_frequency, open_url, worded


def _unsubscribe_url(member) -> str:
    from .services import unsubscribe_token

    return settings.SITE_URL + reverse("notifications_unsubscribe", kwargs={"token": unsubscribe_token(member)})


def _send(member, template: str, context: dict) -> int:
    with reading_zone(member):
        return send_list_mail(
            to=member.email, language=member.preferred_language, template=f"notifications/mail/{template}",
            context={**context, "member": member,
                     "preferences_url": settings.SITE_URL + reverse("notification_preferences")},
            unsubscribe_url=_unsubscribe_url(member),
        )


def _lines(member, notifications) -> list[dict]:
    """Worded in the member's language and time zone, leaving out what they may no longer read."""
    with translation.override(member.preferred_language or settings.LANGUAGE_CODE), reading_zone(member):
        return [{"text": notification.text, "url": open_url(notification, absolute=True)}
                for notification in worded(notifications, member)]


@task()
def send_notification_email(notification_id: int) -> int:
    """The "at once" mail. Sends nothing if the notification was read, already mailed, or no
    longer points at anything the member may read. Returns mails sent."""
    notification = Notification.objects.filter(pk=notification_id, read_at__isnull=True,
                                               emailed_at__isnull=True).first()
    if notification is None:
        return 0
    member = User.objects.filter(pk=notification.recipient_id, is_active=True, deleted_at__isnull=True).first()
    if member is None or email_frequency(member, notification.kind) != EmailFrequency.IMMEDIATE:
        return 0
    lines = _lines(member, [notification])
    if not lines:
        return 0
    with transaction.atomic():
        if not Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
            return 0
        return _send(member, "notification", {"line": lines[0]})


@task()
def send_daily_digests() -> int:
    """One mail per member with unread notifications not yet mailed. Returns mails sent."""
    sent = 0
    for member, notifications in digest_batches():
        with transaction.atomic():
            # Claimed all, mailed what may still be read: the rest would never be mailed anyway.
            claimed = Notification.objects.filter(
                pk__in=[notification.pk for notification in notifications], emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            lines = _lines(member, notifications) if claimed else []
            if lines:
                sent += _send(member, "digest", {"lines": lines, "count": len(lines)})
    return sent
