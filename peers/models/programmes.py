"""A peer-support programme per language region, run by coordinators who take turns."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class Programme(models.Model):
    language = models.CharField(max_length=8, unique=True, choices=settings.LANGUAGES)
    # Changed only by a consent decision of the programme (peers.services.decisions); a proposal
    # records the version it amends and lapses if another change was adopted meanwhile.
    guidelines = models.TextField(blank=True, default="")
    guidelines_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["language"]
        verbose_name = "programme"

    def __str__(self):
        return self.language


class CoordinatorTermQuerySet(models.QuerySet):
    def current(self, now=None):
        """The terms running at `now`: a term's start is in, its end out."""
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)


class CoordinatorTerm(models.Model):
    """A term as coordinator of one programme. It gives no power outside the programme."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="terms")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    objects = CoordinatorTermQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = "mandat de coordination"
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="coordinator_term_ends_after")]
