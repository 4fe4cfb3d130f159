"""The ordre du jour of an occurrence, prepared together, and what is kept after it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .occurrences import Occurrence

ITEM_MAX_LENGTH = 500
NOTE_MAX_LENGTH = 4000


class AgendaItemKind(models.TextChoices):
    ITEM = "item", _("Point proposé")
    OPENING_ROUND = "opening_round", _("Tour d'ouverture")
    CLOSING_ROUND = "closing_round", _("Tour de clôture")
    PROMPT = "prompt", _("Question pour l'échange")


class AgendaItem(models.Model):
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="agenda_items")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=16, choices=AgendaItemKind.choices, default=AgendaItemKind.ITEM)
    text = models.CharField(max_length=ITEM_MAX_LENGTH)
    # The host's order; new items go last.
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["occurrence", "position", "pk"]


class MeetingNote(models.Model):
    """Short notes after a meeting: what was decided, not what anyone shared."""

    occurrence = models.OneToOneField(Occurrence, on_delete=models.CASCADE, related_name="note")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=NOTE_MAX_LENGTH)
    body_html = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class SpeakerStatus(models.TextChoices):
    INVITED = "invited", _("Invité·e")
    CONFIRMED = "confirmed", _("A confirmé")
    THANKED = "thanked", _("Remercié·e")


class SpeakerInvitation(models.Model):
    """The invited speaker of a session, followed by the speaker-coordination role."""

    occurrence = models.OneToOneField(Occurrence, on_delete=models.CASCADE, related_name="speaker")
    speaker_name = models.CharField(max_length=120)
    topic = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=SpeakerStatus.choices, default=SpeakerStatus.INVITED)
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
