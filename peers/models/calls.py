"""One-to-one calls of a pairing, in a Jitsi room of its own."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.crypto import salted_hmac

ROOM_NAME_LENGTH = 32
ROOM_SALT = "peers.pairing_room"


def pairing_room_name(pairing_id: int) -> str:
    """The pairing's room, derived rather than stored: an HMAC of its id under SECRET_KEY, the
    same for every call of the pairing and unguessable from the id."""
    return "jumelage" + salted_hmac(ROOM_SALT, str(pairing_id), algorithm="sha256").hexdigest()[:ROOM_NAME_LENGTH]


class PairingCall(models.Model):
    pairing = models.ForeignKey("peers.Pairing", on_delete=models.CASCADE, related_name="calls")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "appel de jumelage"
        indexes = [models.Index(fields=["pairing", "starts_at"], name="pairing_call_when")]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="pairing_call_ends_after")]

    @property
    def room_name(self) -> str:
        return pairing_room_name(self.pairing_id)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
