"""A group's meeting series: when it meets (a rule on local time), how, and its video room.

The rule is kept as the facilitators chose it (rhythm, weekdays, the n-th weekday of the
month, a local start time and an IANA time zone), never as UTC instants: a 19:00 meeting stays
at 19:00 across daylight-saving changes. Occurrences are the rule's dates, stored ahead for a
horizon (meetings.models.occurrences) so that RSVPs, roles and agendas have a row to belong to."""

import secrets
import string
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ROOM_NAME_LENGTH = 32
DEFAULT_TIME_ZONE = "Europe/Zurich"
MAX_DURATION_MINUTES = 12 * 60
TITLE_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 4000


def new_room_name() -> str:
    """32 characters of [a-z0-9] from a cryptographic source: a room nobody can guess."""
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(ROOM_NAME_LENGTH))


class MeetingKind(models.TextChoices):
    SHARING = "sharing", _("Groupe de parole")
    SOCIAL = "social", _("Rencontre conviviale")
    SPEAKER = "speaker", _("Séance avec un·e intervenant·e")


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Chaque semaine")
    FORTNIGHTLY = "fortnightly", _("Toutes les deux semaines")
    MONTHLY = "monthly", _("Chaque mois, le même jour de la semaine")
    ONCE = "once", _("Une seule fois")


class MeetingFormat(models.TextChoices):
    ONLINE = "online", _("En ligne")
    IN_PERSON = "in_person", _("En présentiel")
    HYBRID = "hybrid", _("Hybride")


class MeetingSeries(models.Model):
    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="meeting_series")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(blank=True, max_length=DESCRIPTION_MAX_LENGTH)
    description_html = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=MeetingKind.choices, default=MeetingKind.SHARING)
    recurrence = models.CharField(max_length=16, choices=Recurrence.choices, default=Recurrence.WEEKLY)
    # ISO weekdays, Monday = 0 … Sunday = 6 (dateutil's MO…SU), for weekly and fortnightly series;
    # monthly series meet on `weekdays[0]`, the `week_of_month`-th of the month (-1: the last).
    weekdays = models.JSONField(default=list, blank=True)
    week_of_month = models.SmallIntegerField(null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    start_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    time_zone = models.CharField(max_length=64, default=DEFAULT_TIME_ZONE)
    format = models.CharField(max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.ONLINE)
    # An in-person place is for members only, unless the group chooses to publish it.
    place = models.TextField(blank=True, max_length=500)
    place_is_public = models.BooleanField(default=False)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    language = models.CharField(max_length=2, default="fr")
    newcomers_welcome = models.BooleanField(default=True)
    room_name = models.CharField(max_length=ROOM_NAME_LENGTH, unique=True, default=new_room_name)
    # The calendar's identity of the series, and how many times it changed (RFC 5545 SEQUENCE).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0) & Q(duration_minutes__lte=MAX_DURATION_MINUTES),
                name="meeting_series_duration_in_range",
            ),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                                   name="meeting_series_ends_after_start"),
        ]

    def __str__(self):
        return self.title
