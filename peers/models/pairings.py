"""Pairing (jumelage): a member's request, offered to one supporter at a time, then a pairing.

The supporter sees only the request's theme, language, format and words until both accept."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from entraide.models import Theme

WORDS_MAX_LENGTH = 1000
# A request no one accepted within this time is passed to the coordinators.
REQUEST_TIMEOUT = timedelta(hours=48)


class Format(models.TextChoices):
    WRITTEN = "written", pgettext_lazy("jumelage", "écrit")
    VIDEO = "video", pgettext_lazy("jumelage", "vidéo")
    PHONE = "phone", pgettext_lazy("jumelage", "téléphone")


class RequestStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("jumelage", "ouverte")
    PAIRED = "paired", pgettext_lazy("jumelage", "jumelée")
    WITHDRAWN = "withdrawn", pgettext_lazy("jumelage", "retirée")
    PASSED = "passed", pgettext_lazy("jumelage", "confiée à la coordination")


class PairingRequest(models.Model):
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    format = models.CharField(max_length=10, choices=Format.choices)
    words = models.TextField(max_length=WORDS_MAX_LENGTH, blank=True)
    # When the requester would rather talk; matching then needs a slot covering it.
    preferred_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    created_at = models.DateTimeField()
    passed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]


class OfferStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("jumelage", "en attente")
    ACCEPTED = "accepted", pgettext_lazy("jumelage", "acceptée")
    DECLINED = "declined", pgettext_lazy("jumelage", "déclinée")
    # The requester confirmed the supporter: both have accepted.
    CONFIRMED = "confirmed", pgettext_lazy("jumelage", "confirmée")
    # Withdrawn, or the requester chose to look again.
    CLOSED = "closed", pgettext_lazy("jumelage", "close")


class PairingOffer(models.Model):
    request = models.ForeignKey(PairingRequest, on_delete=models.CASCADE, related_name="offers")
    supporter = models.ForeignKey("peers.Supporter", on_delete=models.CASCADE, related_name="offers")
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.PENDING)
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "supporter"], name="pairing_offer_once"),
            # One supporter at a time.
            models.UniqueConstraint(fields=["request"], condition=Q(status__in=["pending", "accepted"]),
                                    name="pairing_offer_one_live"),
        ]


class Pairing(models.Model):
    request = models.OneToOneField(PairingRequest, on_delete=models.CASCADE, related_name="pairing")
    supporter = models.ForeignKey("peers.Supporter", on_delete=models.CASCADE, related_name="pairings")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")

    class Meta:
        ordering = ["-started_at", "-pk"]
