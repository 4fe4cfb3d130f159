"""Peer moderation: reports, the decisions moderators take on them, mutes, removals by two
role holders, appeals and private warnings.

A report keeps a snapshot of what it is about (kind, facts, link, author), so the queue
reads in a fixed number of queries and still makes sense once the content is gone. The
facts are data, never a sentence: a description written in the reporter's language would
tell the group who reported, so it is worded in the reader's language as it is read.
Nothing here ever names the reporter to anyone but the reporter."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..subjects import describe
from .roles import IN_GROUP_OR_SCOPE, REASON_MAX_LENGTH, SCOPE_MAX_LENGTH

ESCALATION_DELAY = timedelta(hours=72)
MUTE_DAYS = (1, 3, 7)
NOTE_MAX_LENGTH = 2000


class ReportCategory(models.TextChoices):
    DISRESPECT = "disrespect", _("Manque de respect ou jugement")
    HARASSMENT = "harassment", _("Harcèlement")
    CONFIDENTIALITY = "confidentiality", _("Atteinte à la confidentialité")
    SPAM = "spam", _("Publicité ou spam")
    MISINFORMATION = "misinformation", _("Fausses informations de santé")
    SAFETY = "safety", _("Inquiétude pour la sécurité de quelqu'un")
    OTHER = "other", _("Autre")
    # A member asking the group's peer supporters to check in on them.
    WORRY = "worry", _("Demande de nouvelles")


# What a member chooses from when reporting; a worry is raised by its own button.
REPORTABLE_CATEGORIES = [choice for choice in ReportCategory.choices if choice[0] != ReportCategory.WORRY]


class ReportStatus(models.TextChoices):
    OPEN = "open", _("À traiter")
    ESCALATED = "escalated", _("Transmis à l'équipe de la plateforme")
    DECIDED = "decided", _("Traité")


PENDING_STATUSES = (ReportStatus.OPEN, ReportStatus.ESCALATED)


class DecisionAction(models.TextChoices):
    DISMISS = "dismiss", _("Classer sans suite")
    HIDE = "hide", _("Masquer le contenu")
    WARN = "warn", _("Avertir en privé")
    MUTE = "mute", _("Mettre en sourdine")
    PROPOSE_REMOVAL = "propose_removal", _("Proposer l'exclusion")


# The decisions an affected member can appeal: a dismissal takes nothing from anyone.
APPEALABLE_ACTIONS = (DecisionAction.HIDE, DecisionAction.WARN, DecisionAction.MUTE, DecisionAction.PROPOSE_REMOVAL)


class ReportDecision(models.Model):
    """One decision settles every pending report about the same thing in the group."""

    group = models.ForeignKey("entraide.Group", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="report_decisions")
    scope = models.CharField(max_length=SCOPE_MAX_LENGTH, blank=True, default="")
    scope_key = models.CharField(max_length=SCOPE_MAX_LENGTH, blank=True, default="")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_object_id = models.PositiveBigIntegerField()
    target_kind = models.CharField(max_length=30)
    target_facts = models.JSONField(blank=True, default=dict)
    # What a decision from before facts were kept said, when its facts could not be recovered.
    legacy_description = models.CharField(max_length=200, blank=True, default="")
    # The member the decision is about (the author of the content, or the member reported).
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions_about_me"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="report_decisions"
    )
    by_staff = models.BooleanField(default=False)
    action = models.CharField(max_length=20, choices=DecisionAction.choices)
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    mute_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when an upheld appeal undid the decision.
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="report_decision_reason_required"),
            models.CheckConstraint(condition=IN_GROUP_OR_SCOPE, name="report_decision_in_group_or_scope"),
            models.CheckConstraint(condition=Q(action__in=DecisionAction.values), name="report_decision_known_action"),
            models.CheckConstraint(
                condition=Q(action=DecisionAction.MUTE, mute_until__isnull=False)
                | (~Q(action=DecisionAction.MUTE) & Q(mute_until__isnull=True)),
                name="report_decision_mute_has_end",
            ),
        ]
        indexes = [models.Index(fields=["group", "member"]), models.Index(fields=["scope", "scope_key", "member"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.target_description}"

    @property
    def target_description(self) -> str:
        """What the decision is about, in the active language."""
        return describe(self.target_kind, self.target_facts, fallback=self.legacy_description)

    @property
    def is_appealable(self) -> bool:
        return self.action in APPEALABLE_ACTIONS and self.undone_at is None and self.member_id is not None


class Report(models.Model):
    group = models.ForeignKey("entraide.Group", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="reports")
    scope = models.CharField(max_length=SCOPE_MAX_LENGTH, blank=True, default="")
    scope_key = models.CharField(max_length=SCOPE_MAX_LENGTH, blank=True, default="")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reports_made"
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_object_id = models.PositiveBigIntegerField()
    target_kind = models.CharField(max_length=30)
    target_facts = models.JSONField(blank=True, default=dict)
    # What a report from before facts were kept said, when its facts could not be recovered.
    legacy_description = models.CharField(max_length=200, blank=True, default="")
    target_url = models.CharField(max_length=300, blank=True, default="")
    target_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(max_length=20, choices=ReportCategory.choices)
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    escalated_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(
        ReportDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_object_id"],
                condition=Q(status__in=["open", "escalated"]),
                name="report_one_pending_per_reporter_and_target",
            ),
            models.CheckConstraint(condition=Q(category__in=ReportCategory.values), name="report_known_category"),
            models.CheckConstraint(condition=IN_GROUP_OR_SCOPE, name="report_in_group_or_scope"),
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="report_known_status"),
            models.CheckConstraint(
                condition=~Q(status="escalated") | Q(escalated_at__isnull=False), name="report_escalated_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | Q(decision__isnull=False), name="report_decided_has_decision"
            ),
        ]
        indexes = [
            models.Index(fields=["group", "status", "created_at"]),
            models.Index(fields=["scope", "scope_key", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["target_type", "target_object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.target_description}"

    @property
    def target_description(self) -> str:
        """What the report is about, in the active language. A request for news is about the
        member who asks, and says so."""
        if self.category == ReportCategory.WORRY and self.target_facts.get("name"):
            return _("%(name)s aimerait qu'un·e pair aidant·e prenne de ses nouvelles") % {
                "name": self.target_facts["name"]}
        return describe(self.target_kind, self.target_facts, fallback=self.legacy_description)

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES


class GroupMute(models.Model):
    """A muted member stays in the group and reads it, but cannot write until `until`."""

    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="mutes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_mutes")
    until = models.DateTimeField()
    decision = models.ForeignKey(ReportDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="mutes")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-until"]
        constraints = [
            models.CheckConstraint(condition=Q(until__gt=F("created_at")), name="group_mute_ends_after_start"),
        ]
        indexes = [models.Index(fields=["group", "member", "until"])]


class RemovalProposal(models.Model):
    """Removing a member needs two different role holders: one proposes, another confirms."""

    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="removal_proposals")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="removals_naming_me")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="removals_proposed"
    )
    decision = models.ForeignKey(ReportDecision, on_delete=models.CASCADE, related_name="removals")
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled = models.BooleanField(default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="removal_reason_required"),
            models.CheckConstraint(condition=~Q(confirmed_by=F("proposed_by")), name="removal_confirmed_by_another"),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True, confirmed_at__isnull=True)
                | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="removal_confirmed_has_date",
            ),
            models.CheckConstraint(
                condition=~(Q(cancelled=True) & Q(confirmed_at__isnull=False)), name="removal_not_both_settled"
            ),
            models.UniqueConstraint(
                fields=["group", "member"], condition=Q(confirmed_at__isnull=True, cancelled=False),
                name="removal_one_pending_per_member",
            ),
        ]

    @property
    def is_pending(self) -> bool:
        return self.confirmed_at is None and not self.cancelled


class GroupBan(models.Model):
    """A removed member cannot rejoin, unless an upheld appeal lifts it."""

    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="bans")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_bans")
    removal = models.OneToOneField(RemovalProposal, on_delete=models.CASCADE, related_name="ban")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], condition=Q(lifted_at__isnull=True),
                                    name="group_ban_one_active"),
        ]


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("Recours accepté : la décision est annulée")
    REJECTED = "rejected", _("Recours rejeté : la décision est maintenue")


class Appeal(models.Model):
    """The affected member asks, once, that another role holder look at a decision again."""

    decision = models.OneToOneField(ReportDecision, on_delete=models.CASCADE, related_name="appeal")
    appellant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals")
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals_settled"
    )
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True, default="")
    settle_reason = models.TextField(max_length=REASON_MAX_LENGTH, blank=True, default="")
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="appeal_reason_required"),
            models.CheckConstraint(
                condition=Q(outcome="", settled_at__isnull=True)
                | (Q(outcome__in=AppealOutcome.values) & Q(settled_at__isnull=False) & ~Q(settle_reason="")),
                name="appeal_settled_has_outcome_date_and_reason",
            ),
            models.CheckConstraint(condition=~Q(settled_by=F("appellant")), name="appeal_not_settled_by_appellant"),
        ]

    @property
    def is_settled(self) -> bool:
        return self.settled_at is not None


class MemberWarning(models.Model):
    """A private word to a member: only they see it, on their "decisions about me" page, and a
    notification tells them of it (read when they open that page)."""

    decision = models.OneToOneField(ReportDecision, on_delete=models.CASCADE, related_name="warning")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_warnings")
    text = models.TextField(max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="warning_text_required")]
