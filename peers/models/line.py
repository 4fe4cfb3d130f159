"""The listening line (ligne d'écoute): duty hours that supporters sign up for, live
conversations between a caller and whoever is on duty, guest accounts for visitors, and the
hand-over notes supporters leave at the end of a shift.

A conversation is health data: only its caller and its supporter read it, and the coordinator
it was passed to. It is erased 30 days after it ended, unless one of the two reported it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import pgettext_lazy

# One shift at most this long: listening tires, and a shift should end with a hand-over.
DUTY_MAX_LENGTH = timedelta(hours=4)
LINE_BODY_MAX_LENGTH = 2000
NOTE_BODY_MAX_LENGTH = 2000
LINE_CLIENT_ID_MAX_LENGTH = 64
# Ended conversations are erased after this, unless reported.
LINE_KEPT_FOR = timedelta(days=30)
# A reported conversation is kept this long for the coordinators to look into.
LINE_REPORT_KEPT_FOR = timedelta(days=90)
# A guest account lives this long at most, whatever happens to its conversation.
GUEST_LIFETIME = timedelta(hours=4)


class DutySlot(models.Model):
    """A stretch of time a supporter is on the line for one language."""

    supporter = models.ForeignKey("peers.Supporter", on_delete=models.CASCADE, related_name="duty_slots")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "permanence d'écoute"
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="duty_slot_ends_after")]
        indexes = [models.Index(fields=["language", "ends_at", "starts_at"], name="duty_slot_language_time")]


class LineStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("ligne d'écoute", "en attente")
    OPEN = "open", pgettext_lazy("ligne d'écoute", "en cours")
    PASSED = "passed", pgettext_lazy("ligne d'écoute", "confiée à la coordination")
    ENDED = "ended", pgettext_lazy("ligne d'écoute", "terminée")


LIVE_STATUSES = (LineStatus.QUEUED, LineStatus.OPEN, LineStatus.PASSED)


class LineConversation(models.Model):
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    # Null only once the account is gone from the database and the conversation was reported.
    caller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    supporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    status = models.CharField(max_length=8, choices=LineStatus.choices, default=LineStatus.QUEUED)
    knocked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    passed_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    # The last seq handed out; the row is locked while a message takes the next one.
    last_seq = models.PositiveBigIntegerField(default=0)
    # Reported by one of the two: kept until kept_until for the coordinators, not erased at 30 days.
    reported = models.BooleanField(default=False)
    kept_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["knocked_at", "pk"]
        verbose_name = "conversation d'écoute"
        constraints = [
            # One knock at a time: a caller already queued or talking cannot knock again.
            models.UniqueConstraint(fields=["caller"], condition=Q(status__in=["queued", "open", "passed"]),
                                    name="line_one_live_per_caller"),
            # A supporter listens to one caller at a time.
            models.UniqueConstraint(fields=["supporter"], condition=Q(status="open"),
                                    name="line_one_open_per_supporter"),
        ]
        indexes = [models.Index(fields=["language", "status", "knocked_at"], name="line_queue")]


class LineMessage(models.Model):
    conversation = models.ForeignKey(LineConversation, on_delete=models.CASCADE, related_name="messages")
    # 1, 2, 3… within the conversation: what a client resumes after.
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(max_length=LINE_BODY_MAX_LENGTH)
    client_id = models.CharField(max_length=LINE_CLIENT_ID_MAX_LENGTH)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="line_message_seq_unique"),
            models.UniqueConstraint(fields=["conversation", "author", "client_id"],
                                    name="line_message_client_id_unique"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="line_message_seq_positive"),
        ]


class LineGuest(models.Model):
    """Marks a short-lived account opened by a visitor to call the line: no e-mail, no password.
    It is closed when its conversation ends, or at expires_at."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="line_guest")
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "invité·e de la ligne d'écoute"


class HandoverNote(models.Model):
    """What a supporter leaves for the next shift, with no personal details."""

    supporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    body = models.TextField(max_length=NOTE_BODY_MAX_LENGTH)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "note de relève"
        indexes = [models.Index(fields=["language", "-created_at"], name="handover_note_recent")]


class LineConversationTally(models.Model):
    """How many answered conversations of a month were erased after 30 days: a number, nothing of
    who or what, so that the funders' figure of conversations held does not fall with them."""

    month = models.DateField(unique=True)  # the first day of the month of the knock
    erased = models.PositiveIntegerField(default=0)
