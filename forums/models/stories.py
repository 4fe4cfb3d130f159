"""Stories: members' experiential knowledge, offered for the platform's public page.

A story is public only once its author consented (the date is kept) and one of the group's
moderators, other than the author, approved it. The author withdraws it at any time: its
text is erased at once and it is never shown again."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


STORY_TITLE_MAX_LENGTH = 120
STORY_BODY_MAX_LENGTH = 20_000


class StoryStatus(models.TextChoices):
    PENDING = "pending", _("En attente de relecture")
    APPROVED = "approved", _("Publié")
    DECLINED = "declined", _("Non retenu")
    WITHDRAWN = "withdrawn", _("Retiré")


class StorySignature(models.TextChoices):
    PSEUDONYM = "pseudonym", _("Sous mon pseudonyme")
    ANONYMOUS = "anonymous", _("Anonymement")


class Story(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories")
    # The group whose moderators read it first.
    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="stories")
    # The forum post it started from, if any; the story keeps its own copy of the text.
    source_post = models.ForeignKey("forums.Post", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    title = models.CharField(max_length=STORY_TITLE_MAX_LENGTH)
    body = models.TextField(max_length=STORY_BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    signature = models.CharField(max_length=12, choices=StorySignature.choices)
    consented_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=StoryStatus.choices, default=StoryStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True, default="")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=StoryStatus.values), name="story_status_known"),
            models.CheckConstraint(condition=Q(signature__in=StorySignature.values), name="story_signature_known"),
            models.CheckConstraint(
                condition=Q(status=StoryStatus.WITHDRAWN) | (~Q(title="") & ~Q(body="")),
                name="story_text_until_withdrawn",
            ),
            models.CheckConstraint(
                condition=~Q(status=StoryStatus.APPROVED) | Q(decided_at__isnull=False),
                name="story_approved_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(status=StoryStatus.DECLINED) | ~Q(decline_reason=""),
                name="story_declined_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-decided_at"], name="story_public_listing"),
            models.Index(fields=["group", "status"], name="story_group_status"),
        ]

    def __str__(self) -> str:
        return self.title or f"story {self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status == StoryStatus.APPROVED

    @property
    def is_anonymous(self) -> bool:
        return self.signature == StorySignature.ANONYMOUS

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("story_detail", kwargs={"pk": self.pk})
