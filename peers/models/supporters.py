"""Peer supporters: what they offer, when, and how far along their path they are."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from entraide.models import Theme

# What one volunteer may hold at once: peer support is given beside one's own life.
MAX_PAIRINGS_AT_ONCE = 5


class Supporter(models.Model):
    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_supporter")
    themes = models.ManyToManyField(Theme, related_name="+")
    offers_written = models.BooleanField(default=True)
    offers_video = models.BooleanField(default=False)
    # A phone call arranged between the two, outside the platform.
    offers_phone = models.BooleanField(default=False)
    max_pairings = models.PositiveSmallIntegerField(default=1)
    paused = models.BooleanField(default=False)
    # Codes of the readings marked read (peers.readings), in the order they were read.
    readings_done = models.JSONField(default=list, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pair aidant"
        constraints = [models.CheckConstraint(condition=Q(max_pairings__gte=1), name="supporter_max_pairings_positive")]

    def offers_format(self, format) -> bool:
        return getattr(self, f"offers_{format}")


class SupporterLanguage(models.Model):
    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supporter", "language"], name="supporter_language_once")]


class WeeklySlot(models.Model):
    """A weekly stretch of time, in the supporter's own time zone (member.time_zone)."""

    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField()  # 0 is Monday, as datetime.weekday()
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="weekly_slot_weekday"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="weekly_slot_ends_after"),
        ]
