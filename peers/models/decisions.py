"""A programme's consent decisions, as in groups (moderation's Proposal and Objection): a
proposal takes effect when its window closes unless a participant objects. Two kinds: confirming
a supporter, and changing the programme's guidelines."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from moderation.models import REASON_MAX_LENGTH

GUIDELINES_MAX_LENGTH = 10000


class ProgrammeProposalKind(models.TextChoices):
    CONFIRM_SUPPORTER = "confirm_supporter", _("Confirmer un·e pair aidant·e")
    CHANGE_GUIDELINES = "change_guidelines", _("Changer les lignes directrices")


class ProgrammeProposalStatus(models.TextChoices):
    OPEN = "open", _("En consultation")
    ADOPTED = "adopted", _("Adoptée")
    BLOCKED = "blocked", _("Arrêtée par une objection")
    WITHDRAWN = "withdrawn", _("Retirée")
    # The situation changed before the window closed (the supporter left, the guidelines changed).
    LAPSED = "lapsed", _("Devenue sans objet")


class ProgrammeProposal(models.Model):
    programme = models.ForeignKey("peers.Programme", on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=20, choices=ProgrammeProposalKind.choices)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Kept empty when the supporter leaves, so that the proposal lapses instead of vanishing.
    supporter = models.ForeignKey("peers.Supporter", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="confirmation_proposals")
    guidelines_text = models.TextField(max_length=GUIDELINES_MAX_LENGTH, blank=True, default="")
    # The guidelines version the proposal amends.
    guidelines_version = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    decides_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=ProgrammeProposalStatus.choices,
                              default=ProgrammeProposalStatus.OPEN)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "proposition du programme"
        constraints = [
            models.CheckConstraint(condition=Q(decides_at__gt=F("created_at")),
                                   name="programme_proposal_window_positive"),
            models.CheckConstraint(
                condition=~Q(kind="change_guidelines") | (~Q(guidelines_text="") & Q(guidelines_version__isnull=False)),
                name="programme_proposal_guidelines_have_text",
            ),
            models.CheckConstraint(condition=Q(status="open") | Q(settled_at__isnull=False),
                                   name="programme_proposal_settled_has_date"),
            # One open confirmation per supporter, whatever the programme.
            models.UniqueConstraint(fields=["supporter"], condition=Q(status="open", kind="confirm_supporter"),
                                    name="programme_proposal_one_open_confirmation"),
        ]
        indexes = [models.Index(fields=["status", "decides_at"]), models.Index(fields=["programme", "status"])]

    @property
    def is_open(self) -> bool:
        return self.status == ProgrammeProposalStatus.OPEN


class ProgrammeObjection(models.Model):
    proposal = models.ForeignKey(ProgrammeProposal, on_delete=models.CASCADE, related_name="objections")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="programme_objection_one_per_member"),
            models.CheckConstraint(condition=~Q(reason=""), name="programme_objection_reason_required"),
        ]
