"""The dates a series' rule gives, each a row once it is within the horizon.

`scheduled_start` is what the rule gave (the occurrence's identity: RECURRENCE-ID in a
calendar), `starts_at`/`ends_at` when it really takes place: the same unless it was moved."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .series import MeetingSeries

REASON_MAX_LENGTH = 500


class Occurrence(models.Model):
    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="occurrences")
    scheduled_start = models.DateTimeField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    moved_at = models.DateTimeField(null=True, blank=True)
    move_reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    # When the group was told that a role of this occurrence is still open (48 hours before).
    open_roles_announced_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["series", "scheduled_start"], name="one_occurrence_per_scheduled_start"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="occurrence_ends_after_start"),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_moved(self) -> bool:
        return self.moved_at is not None

    def __str__(self):
        return f"{self.series} · {self.starts_at:%Y-%m-%d %H:%M}"


class RsvpAnswer(models.TextChoices):
    GOING = "going", _("J'y serai")
    MAYBE = "maybe", _("Peut-être")
    NOT_GOING = "not_going", _("Je n'y serai pas")


class RsvpQuerySet(models.QuerySet):
    def with_place(self):
        """Going and holding a place: not on the waiting list."""
        return self.filter(answer=RsvpAnswer.GOING, waiting_since__isnull=True)


class Rsvp(models.Model):
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_rsvps")
    answer = models.CharField(max_length=16, choices=RsvpAnswer.choices)
    # Going, but the meeting was full: on the waiting list, in the order of this instant.
    waiting_since = models.DateTimeField(null=True, blank=True)
    # When the occurrence's welcome contact sent this newcomer a welcome, and who: once per
    # occurrence (meetings.services.welcome).
    welcomed_at = models.DateTimeField(null=True, blank=True)
    welcomed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RsvpQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "member"], name="one_rsvp_per_member_and_occurrence"),
        ]


class MeetingRoleKind(models.TextChoices):
    # The same names as the group's rotating roles (moderation.RoleKind), whose holders are
    # suggested first for each meeting.
    HOST = "host", _("Animateur·rice")
    TIMEKEEPER = "timekeeper", _("Chronométreur·se")
    WELCOME = "welcome", _("Personne d'accueil")


class MeetingRole(models.Model):
    """Who takes on one job for one occurrence: one person per job."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=16, choices=MeetingRoleKind.choices)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_roles")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurrence", "role"]
        constraints = [models.UniqueConstraint(fields=["occurrence", "role"], name="one_holder_per_meeting_role")]
