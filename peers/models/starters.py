"""Group starters: experienced members who accompany a new group through its first meetings.

A volunteer has held roles for six months in all; a group under three months old asks for one,
a volunteer takes the request and joins the group as its starter. The assignment ends by itself
after the group's third meeting held since it began, or after three months, whichever comes
first (peers.tasks.end_due_starter_assignments). The role gives no power beyond a member's:
the group's own role holders keep every decision."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.models.groups import GroupLanguageCode

# Time in roles, in any group, before a member may accompany others.
EXPERIENCE_NEEDED = timedelta(days=180)
# A group may ask while it is younger than this; an assignment lasts at most as long.
NEW_GROUP_AGE = timedelta(days=90)
STARTER_TERM = timedelta(days=90)
MEETINGS_ACCOMPANIED = 3
STARTER_WORDS_MAX_LENGTH = 1000
STARTER_NOTE_MAX_LENGTH = 1000


class StarterVolunteer(models.Model):
    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="starter_volunteer")
    note = models.TextField(max_length=STARTER_NOTE_MAX_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.member)


class StarterVolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(StarterVolunteer, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=2, choices=GroupLanguageCode.choices)

    class Meta:
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["volunteer", "language"], name="starter_language_once")]


class StarterRequestStatus(models.TextChoices):
    OPEN = "open", _("En attente d'un·e accompagnant·e")
    TAKEN = "taken", _("Acceptée")
    WITHDRAWN = "withdrawn", _("Retirée")


class StarterRequest(models.Model):
    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="starter_requests")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    words = models.TextField(max_length=STARTER_WORDS_MAX_LENGTH)
    status = models.CharField(max_length=10, choices=StarterRequestStatus.choices, default=StarterRequestStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group"], condition=Q(status="open"), name="starter_request_one_open"),
            models.CheckConstraint(condition=~Q(words=""), name="starter_request_has_words"),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.get_status_display()}"


class StarterEndReason(models.TextChoices):
    MEETINGS = "meetings", _("Après trois rencontres")
    TERM = "term", _("Après trois mois")
    LEFT = "left", _("A quitté le groupe")


class StarterAssignment(models.Model):
    """The starter role: current while `ended_at` is empty. Ended by the periodic task, or when
    the starter leaves the group (registry.membership_ended)."""

    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="starter_assignments")
    starter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="starter_assignments")
    request = models.OneToOneField(StarterRequest, null=True, on_delete=models.SET_NULL, related_name="assignment")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=10, choices=StarterEndReason.choices, blank=True, default="")

    class Meta:
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="starter_ends_after_start"),
            models.UniqueConstraint(fields=["group"], condition=Q(ended_at__isnull=True),
                                    name="starter_one_current_per_group"),
        ]
        indexes = [models.Index(fields=["ended_at", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.starter} · {self.group}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None
