"""Notifications: what members watch, what they are told about, and how they want e-mail.

A notification points at the post (or private message) it is about and stores nothing of its
text: pages and e-mails read the post when they show it, so a post hidden or deleted later is
no longer announced, and an anonymous author stays "un membre du groupe"."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["EmailFrequency", "Notification", "NotificationKind", "NotificationPreference", "Subscription"]


class Subscription(models.Model):
    """A member watches one thread (new posts) or a whole group forum (new threads)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions")
    thread = models.ForeignKey("forums.Thread", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="subscriptions")
    group = models.ForeignKey("entraide.Group", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="forum_subscriptions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(thread__isnull=False) & Q(group__isnull=True)) | (Q(thread__isnull=True) & Q(group__isnull=False)),
                name="forum_subscription_thread_or_forum",
            ),
            models.UniqueConstraint(fields=["member", "thread"], condition=Q(thread__isnull=False),
                                    name="forum_subscription_thread_once"),
            models.UniqueConstraint(fields=["member", "group"], condition=Q(group__isnull=False),
                                    name="forum_subscription_forum_once"),
        ]


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Réponse à votre message")
    MENTION = "mention", _("Mention")
    THREAD_POST = "thread_post", _("Nouveau message dans un sujet suivi")
    FORUM_THREAD = "forum_thread", _("Nouveau sujet dans un forum suivi")
    PRIVATE_MESSAGE = "private_message", _("Message privé")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    post = models.ForeignKey("forums.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey("forums.PrivateMessage", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_known_kind"),
            models.CheckConstraint(
                condition=(Q(kind="private_message") & Q(message__isnull=False) & Q(post__isnull=True))
                | (~Q(kind="private_message") & Q(post__isnull=False) & Q(message__isnull=True)),
                name="notification_about_one_thing",
            ),
            # One notification per post and member: the most telling kind wins.
            models.UniqueConstraint(fields=["recipient", "post"], condition=Q(post__isnull=False),
                                    name="notification_once_per_post"),
        ]
        indexes = [
            # The header's unread count and the list.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
            # The digest: unread and not yet e-mailed.
            models.Index(fields=["emailed_at", "read_at"], name="notification_to_mail"),
        ]

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Tout de suite, un e-mail par notification")
    DAILY = "daily", _("Un résumé par jour")
    NEVER = "never", _("Jamais")


class NotificationPreference(models.Model):
    """How a member wants to hear by e-mail. No row: a daily digest."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notification_preference")
    email_frequency = models.CharField(max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.DAILY)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(email_frequency__in=EmailFrequency.values),
                                   name="notification_preference_known_frequency"),
        ]
