"""The live room of an occurrence, kept in the database so that it outlives a reconnect and a
server restart: the agenda item under way, the round (the tour de table), the raised hands,
who has the floor and the speaking timer. `version` goes up with every change, so that a client
can tell a newer state from an older one."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .agenda import AgendaItem
from .occurrences import Occurrence

TIMER_MIN_SECONDS = 30
TIMER_MAX_SECONDS = 1800


class LiveRoom(models.Model):
    occurrence = models.OneToOneField(Occurrence, on_delete=models.CASCADE, related_name="live_room")
    version = models.PositiveBigIntegerField(default=0)
    current_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A round is under way from round_started_at until it ends; its turns are LiveTurn rows.
    round_started_at = models.DateTimeField(null=True, blank=True)
    # Who has the floor: the round's current speaker, or the hand given the floor last.
    floor_member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # The speaking timer: for whom, from when, for how long; stopped early by the timekeeper.
    timer_member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    timer_started_at = models.DateTimeField(null=True, blank=True)
    timer_seconds = models.PositiveIntegerField(null=True, blank=True)
    timer_stopped_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(timer_seconds__isnull=True)
                | Q(timer_seconds__gte=TIMER_MIN_SECONDS, timer_seconds__lte=TIMER_MAX_SECONDS),
                name="live_timer_seconds_in_range",
            ),
            models.CheckConstraint(
                condition=Q(timer_started_at__isnull=True) | Q(timer_seconds__isnull=False),
                name="live_timer_started_has_seconds",
            ),
        ]

    def __str__(self):
        return f"{self.occurrence} · v{self.version}"


class TurnOutcome(models.TextChoices):
    WAITING = "", _("Attend son tour")
    SPOKE = "spoke", _("A parlé")
    PASSED = "passed", _("A passé son tour")


class LiveTurn(models.Model):
    """One person's place in the round under way, in the order they were queued."""

    room = models.ForeignKey(LiveRoom, on_delete=models.CASCADE, related_name="turns")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    outcome = models.CharField(max_length=8, choices=TurnOutcome.choices, default=TurnOutcome.WAITING, blank=True)

    class Meta:
        ordering = ["room", "position"]
        constraints = [
            models.UniqueConstraint(fields=["room", "member"], name="one_turn_per_member_and_round"),
            models.UniqueConstraint(fields=["room", "position"], name="one_turn_per_position"),
        ]


class LiveHand(models.Model):
    """A raised hand, waiting for the floor in the order it was raised."""

    room = models.ForeignKey(LiveRoom, on_delete=models.CASCADE, related_name="hands")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    raised_at = models.DateTimeField()

    class Meta:
        ordering = ["room", "raised_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["room", "member"], name="one_hand_per_member_and_room")]
