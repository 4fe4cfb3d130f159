"""A member's secret calendar address, and the reminders already sent (sent once each)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .occurrences import Occurrence


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "day_before", _("24 heures avant")
    HOUR_BEFORE = "hour_before", _("1 heure avant")


class ReminderSent(models.Model):
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    # The occurrence's start it was about: a moved occurrence is reminded of again.
    starts_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "member", "kind", "starts_at"], name="one_reminder_each"),
        ]
