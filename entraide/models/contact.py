from django.conf import settings
from django.db import models
from django.utils import timezone

from .taxonomy import Region, Theme


class ContactWish(models.Model):
    """'Looking for others': a private wish to meet people with the same theme in a region."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_wishes")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    circle = models.ForeignKey(
        "ContactCircle", null=True, blank=True, on_delete=models.SET_NULL, related_name="wishes"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "theme", "region"], name="contact_wish_unique")
        ]


class ContactCircle(models.Model):
    """Mise en contact: the members who registered one theme and region, able to write
    to each other through the platform without learning each other's e-mail."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["theme", "region"], name="contact_circle_unique")]


class ContactMessage(models.Model):
    circle = models.ForeignKey(ContactCircle, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=5000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
