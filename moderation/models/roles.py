"""Shared leadership: the roles members take on in turn, the proposals a group decides by
consent, and the moderation log every member can read.

A role holding ends by itself: whether it is current is always computed from the clock
(`starts_at <= now < ends_at`), so nothing has to run for a term to end."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..subjects import describe, describe_name

ROLE_TERM = timedelta(days=91)
CONSENT_WINDOW = timedelta(hours=48)
CHARTER_MAX_LENGTH = 10000
REASON_MAX_LENGTH = 2000
SCOPE_MAX_LENGTH = 20

# A log entry, a report or a decision belongs to a group, or else to a moderation scope
# (moderation.scopes: a programme outside groups), never to both or neither.
IN_GROUP_OR_SCOPE = Q(group__isnull=False, scope="", scope_key="") | (
    Q(group__isnull=True) & ~Q(scope="") & ~Q(scope_key=""))


class RoleKind(models.TextChoices):
    HOST = "host", _("Animateur·rice")
    TIMEKEEPER = "timekeeper", _("Chronométreur·se")
    WELCOME = "welcome", _("Personne d'accueil")
    MODERATOR = "moderator", _("Modérateur·rice")
    LOGISTICS = "logistics", _("Logistique")
    SPEAKERS = "speakers", _("Coordination des intervenant·es")


# Every group has these four; the creator holds them at first so no group starts without them.
CORE_ROLES = (RoleKind.HOST, RoleKind.TIMEKEEPER, RoleKind.WELCOME, RoleKind.MODERATOR)
OPTIONAL_ROLES = (RoleKind.LOGISTICS, RoleKind.SPEAKERS)


class GroupRoleSettings(models.Model):
    """The optional functions of seed 003 a group has switched on. No row: none of them."""

    group = models.OneToOneField("entraide.Group", on_delete=models.CASCADE, related_name="role_settings")
    logistics_enabled = models.BooleanField(default=False)
    speakers_enabled = models.BooleanField(default=False)

    def enabled_roles(self) -> tuple[str, ...]:
        optional = []
        if self.logistics_enabled:
            optional.append(RoleKind.LOGISTICS)
        if self.speakers_enabled:
            optional.append(RoleKind.SPEAKERS)
        return (*CORE_ROLES, *optional)


def default_role_end():
    return timezone.now() + ROLE_TERM


class RoleHoldingQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)


class RoleHolding(models.Model):
    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="role_holdings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_holdings")
    role = models.CharField(max_length=20, choices=RoleKind.choices)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(default=default_role_end)

    objects = RoleHoldingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="role_holding_ends_after_start"),
            models.CheckConstraint(
                condition=Q(role__in=RoleKind.values), name="role_holding_known_role"
            ),
        ]
        indexes = [models.Index(fields=["group", "role", "ends_at"]), models.Index(fields=["user", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.user}"

    def is_current(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


class ProposalKind(models.TextChoices):
    TAKE_ROLE = "take_role", _("Prendre un rôle")
    HAND_ON_ROLE = "hand_on_role", _("Transmettre un rôle")
    CHANGE_CHARTER = "change_charter", _("Changer la charte")
    CLOSE_GROUP = "close_group", _("Arrêter le groupe")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("En consultation")
    ADOPTED = "adopted", _("Adoptée")
    BLOCKED = "blocked", _("Arrêtée par une objection")
    WITHDRAWN = "withdrawn", _("Retirée")
    # The situation changed before the window closed (the person left, the charter was changed).
    LAPSED = "lapsed", _("Devenue sans objet")


def default_decides_at():
    return timezone.now() + CONSENT_WINDOW


class Proposal(models.Model):
    """A change that takes effect when the consent window closes, unless a member objects."""

    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposals")
    role = models.CharField(max_length=20, choices=RoleKind.choices, blank=True, default="")
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals_naming_me"
    )
    charter_text = models.TextField(max_length=CHARTER_MAX_LENGTH, blank=True, default="")
    # The charter version the proposal amends: if the charter changes meanwhile, it lapses.
    charter_version = models.PositiveIntegerField(null=True, blank=True)
    # Why the proposer asks the group to stop: members read it before they consent or object.
    reason = models.TextField(max_length=REASON_MAX_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    decides_at = models.DateTimeField(default=default_decides_at)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(decides_at__gt=F("created_at")), name="proposal_window_positive"),
            models.CheckConstraint(
                condition=~Q(kind=ProposalKind.TAKE_ROLE) | ~Q(role=""), name="proposal_take_role_names_role"
            ),
            models.CheckConstraint(
                condition=~Q(kind=ProposalKind.HAND_ON_ROLE) | (~Q(role="") & Q(target__isnull=False)),
                name="proposal_hand_on_names_role_and_member",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ProposalKind.CHANGE_CHARTER) | (~Q(charter_text="") & Q(charter_version__isnull=False)),
                name="proposal_charter_has_text",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ProposalKind.CLOSE_GROUP) | ~Q(reason=""), name="proposal_close_group_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.OPEN) | Q(settled_at__isnull=False),
                name="proposal_settled_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "decides_at"]), models.Index(fields=["group", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.group}"

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN

    @property
    def being_settled(self) -> bool:
        """Its window has closed and the task worker has not recorded the outcome yet."""
        return self.is_open and self.decides_at <= timezone.now()


class Objection(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="objections")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="objections")
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="objection_one_per_member"),
            models.CheckConstraint(condition=~Q(reason=""), name="objection_reason_required"),
        ]


class LogAction(models.TextChoices):
    FOUNDING_ROLES = "founding_roles", _("Rôles de départ à la création du groupe")
    ROLE_TAKEN = "role_taken", _("Rôle libre pris")
    ROLE_CONSENTED = "role_consented", _("Rôle pris par consentement")
    ROLE_HANDED_ON = "role_handed_on", _("Rôle transmis par consentement")
    ROLE_STEPPED_DOWN = "role_stepped_down", _("Rôle quitté avant la fin du mandat")
    FUNCTION_ENABLED = "function_enabled", _("Fonction activée")
    FUNCTION_DISABLED = "function_disabled", _("Fonction désactivée")
    PROPOSAL_OPENED = "proposal_opened", _("Proposition ouverte")
    PROPOSAL_BLOCKED = "proposal_blocked", _("Objection à une proposition")
    PROPOSAL_WITHDRAWN = "proposal_withdrawn", _("Proposition retirée")
    PROPOSAL_LAPSED = "proposal_lapsed", _("Proposition devenue sans objet")
    CHARTER_CHANGED = "charter_changed", _("Charte modifiée par consentement")
    GROUP_CLOSED = "group_closed", _("Arrêt du groupe décidé par consentement")
    GROUP_STOPPED = "group_stopped", _("Groupe arrêté")
    # Peer moderation of content and members.
    CONTENT_HIDDEN = "content_hidden", _("Contenu masqué")
    CONTENT_RESTORED = "content_restored", _("Contenu rétabli")
    THREAD_LOCKED = "thread_locked", _("Sujet verrouillé")
    THREAD_UNLOCKED = "thread_unlocked", _("Sujet déverrouillé")
    THREAD_PINNED = "thread_pinned", _("Sujet épinglé")
    THREAD_UNPINNED = "thread_unpinned", _("Sujet désépinglé")
    SLOW_MODE_SET = "slow_mode_set", _("Mode lent réglé")
    AUTHOR_REVEALED = "author_revealed", _("Auteur·e d'un message anonyme révélé·e")
    REPORT_DISMISSED = "report_dismissed", _("Signalement classé sans suite")
    MEMBER_WARNED = "member_warned", _("Avertissement privé")
    MEMBER_MUTED = "member_muted", _("Membre mis·e en sourdine")
    REMOVAL_PROPOSED = "removal_proposed", _("Exclusion proposée")
    REMOVAL_CONFIRMED = "removal_confirmed", _("Exclusion confirmée par un·e second·e responsable")
    REMOVAL_CANCELLED = "removal_cancelled", _("Proposition d'exclusion annulée")
    APPEAL_UPHELD = "appeal_upheld", _("Recours accepté : décision annulée")
    APPEAL_REJECTED = "appeal_rejected", _("Recours rejeté : décision maintenue")
    ESCALATED = "escalated", _("Transmis à l'équipe de la plateforme")
    STAFF_ACTION = "staff_action", _("Action de l'équipe de la plateforme")
    STORY_APPROVED = "story_approved", _("Témoignage approuvé pour la page publique")
    STORY_DECLINED = "story_declined", _("Témoignage non retenu")
    # A group starter (peers/) who came at the group's request, and the end of that accompaniment.
    STARTER_JOINED = "starter_joined", _("Accompagnant·e de lancement arrivé·e")
    STARTER_ENDED = "starter_ended", _("Accompagnement de lancement terminé")


class LogReason(models.TextChoices):
    """Reasons chosen from a list rather than written: stored as the code, read in the reader's
    language. A staff action keeps which decision staff took (staff never propose removal)."""

    ESCALATED_AFTER_DELAY = "escalated_after_delay", _(
        "Sans décision du groupe après 72 heures, le signalement est transmis à l'équipe de la plateforme.")
    ESCALATED_ABOUT_GROUP = "escalated_about_group", _(
        "Un signalement concernant le groupe lui-même est transmis à l'équipe de la plateforme.")
    STAFF_DISMISS = "staff_dismiss", _("Classer sans suite")
    STAFF_HIDE = "staff_hide", _("Masquer le contenu")
    STAFF_WARN = "staff_warn", _("Avertir en privé")
    STAFF_MUTE = "staff_mute", _("Mettre en sourdine")


class ModerationLogEntry(models.Model):
    """What was done in a group, by whom, when and why. Append-only: the services only ever
    create entries and the admin shows them read-only. It has no place for who reported.

    Nothing in it is a sentence written in someone's language: what it is about is a kind and
    its facts (`moderation.subjects`), a reason chosen from a list is its code, and a closed
    account is an empty name; each is worded in the reader's language as the log is read."""

    group = models.ForeignKey("entraide.Group", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="moderation_log")
    # Or the moderation scope it happened in (moderation.scopes), for what belongs to no group.
    scope = models.CharField(max_length=SCOPE_MAX_LENGTH, blank=True, default="")
    scope_key = models.CharField(max_length=SCOPE_MAX_LENGTH, blank=True, default="")
    # The name is kept so the log still reads after an account is deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=30, choices=LogAction.choices)
    role = models.CharField(max_length=20, choices=RoleKind.choices, blank=True, default="")
    # What the action was about: a kind of `moderation.subjects` and its facts (ids, numbers,
    # names and titles as members wrote them); what it was about, also, by the proposal.
    target_kind = models.CharField(max_length=30, blank=True, default="")
    target_facts = models.JSONField(blank=True, default=dict)
    # Text as members wrote it, or what an entry from before facts were kept said.
    target = models.CharField(max_length=200, blank=True, default="")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason_code = models.CharField(max_length=30, choices=LogReason.choices, blank=True, default="")
    reason = models.TextField(max_length=REASON_MAX_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("journal de modération")
        indexes = [models.Index(fields=["group", "-created_at"]),
                   models.Index(fields=["scope", "scope_key", "-created_at"])]
        constraints = [
            models.CheckConstraint(condition=IN_GROUP_OR_SCOPE, name="log_entry_in_group_or_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.target_display}"

    @property
    def actor_display(self) -> str:
        return describe_name(self.actor_name)

    @property
    def target_display(self) -> str:
        """What the entry is about, in the active language."""
        if not self.target_kind:
            return self.target
        return describe(self.target_kind, self.target_facts, fallback=self.target)

    @property
    def reason_display(self) -> str:
        """The reason chosen from a list in the active language, then what the actor wrote."""
        if not self.reason_code:
            return self.reason
        choice = self.get_reason_code_display()
        if not self.reason:
            return choice
        return _("%(choice)s : %(reason)s") % {"choice": choice, "reason": self.reason}


ROLE_DESCRIPTIONS = {
    RoleKind.HOST: _("Ouvre et anime les rencontres ; modère la salle vidéo."),
    RoleKind.TIMEKEEPER: _("Veille au partage du temps de parole et tient le minuteur pendant les rencontres."),
    RoleKind.WELCOME: _("Personne-ressource des nouveaux membres : répond aux demandes pour rejoindre, "
                        "souhaite la bienvenue et répond aux premières questions."),
    RoleKind.MODERATOR: _("Pair aidant·e qui veille sur le forum et la discussion du groupe."),
    RoleKind.LOGISTICS: _("S'occupe de l'organisation pratique des rencontres : lieu, matériel, liens."),
    RoleKind.SPEAKERS: _("Invite et accompagne les personnes qui viennent témoigner ou présenter un sujet."),
}

ROLE_WANTED = {
    RoleKind.HOST: _("Nous cherchons : un·e animateur·rice"),
    RoleKind.TIMEKEEPER: _("Nous cherchons : un·e chronométreur·se"),
    RoleKind.WELCOME: _("Nous cherchons : une personne d'accueil"),
    RoleKind.MODERATOR: _("Nous cherchons : un·e modérateur·rice"),
    RoleKind.LOGISTICS: _("Nous cherchons : une personne pour la logistique"),
    RoleKind.SPEAKERS: _("Nous cherchons : une personne pour coordonner les intervenant·es"),
}
