"""Safety: the private mutes and blocks members set between themselves.

Mutes and blocks are private: nothing shows the muted or blocked member that they are."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class MemberMute(models.Model):
    """`user` no longer sees `muted`'s posts and chat messages."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes")
    muted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "muted"], name="member_mute_once"),
            models.CheckConstraint(condition=~Q(user=F("muted")), name="member_mute_not_self"),
        ]


class MemberBlock(models.Model):
    """`blocked` can no longer write to `user` privately nor mention them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "blocked"], name="member_block_once"),
            models.CheckConstraint(condition=~Q(user=F("blocked")), name="member_block_not_self"),
        ]
        # Asked on every private message and mention: "has the recipient blocked the writer?"
        indexes = [models.Index(fields=["blocked", "user"])]
