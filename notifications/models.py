"""Notifications of every app: what a member is told about, how they want e-mail, and how many
they have not read.

A notification points at what it is about through a content type and an id, the way reports
do, and stores nothing of its text: the app that registered its kind words it when it is read,
in the reader's language, from what it is about as it is then (notifications.kinds).

The tables were created by the forums app, which held notifications first: they keep their
names, and their rows."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KIND_MAX_LENGTH = 40


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # A key of entraide.registry.notification_kinds; apps register their own, so the database
    # cannot list them.
    kind = models.CharField(max_length=KIND_MAX_LENGTH)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "forums_notification"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One notification per member and thing: the first, most telling kind wins.
            models.UniqueConstraint(fields=["recipient", "subject_type", "subject_id"],
                                    name="notification_once_per_subject"),
        ]
        indexes = [
            # The list, and marking read.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
            # The digest: unread and not yet e-mailed.
            models.Index(fields=["emailed_at", "read_at"], name="notification_to_mail"),
            # Withdrawing what was told about something hidden or deleted.
            models.Index(fields=["subject_type", "subject_id"], name="notification_subject"),
        ]

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationInbox(models.Model):
    """A member's unread count, kept by notifications.services as they change notifications,
    so that the header of every page reads one row instead of counting."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE,
                                  related_name="notification_inbox")
    unread = models.PositiveIntegerField(default=0)


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Tout de suite, un e-mail par notification")
    DAILY = "daily", _("Un résumé par jour")
    NEVER = "never", _("Jamais")


class NotificationPreference(models.Model):
    """How a member wants to hear of one kind by e-mail. No row: the kind's default. The
    notifications themselves are always on the Notifications page."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="notification_preferences")
    kind = models.CharField(max_length=KIND_MAX_LENGTH)
    email_frequency = models.CharField(max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.DAILY)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "forums_notificationpreference"
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="notification_preference_once_per_kind"),
            models.CheckConstraint(condition=Q(email_frequency__in=EmailFrequency.values),
                                   name="notification_preference_known_frequency"),
        ]
