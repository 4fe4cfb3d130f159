"""What one side of a pairing tells the coordinators, never the other person."""

from django.conf import settings
from django.db import models

FEEDBACK_MAX_LENGTH = 2000


class PairingFeedback(models.Model):
    pairing = models.ForeignKey("peers.Pairing", on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=FEEDBACK_MAX_LENGTH)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["pairing", "author"], name="pairing_feedback_once")]
