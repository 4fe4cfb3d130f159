import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .taxonomy import Region, Theme


def new_invite_token() -> str:
    return secrets.token_urlsafe(16)


class GroupKind(models.TextChoices):
    SELF_MANAGED = "self_managed", _("Groupe d'entraide autogéré")
    PROFESSIONAL = "professional", _("Groupe avec guidance professionnelle")
    PEER_SUPPORT = "peer_support", _("Soutien de pair à pair")


class Audience(models.TextChoices):
    CONCERNED = "concerned", _("Personnes concernées")
    RELATIVES = "relatives", _("Proches")
    BOTH = "both", _("Personnes concernées et proches")


class GroupFormat(models.TextChoices):
    ONLINE = "online", _("En ligne")
    IN_PERSON = "in_person", _("En présentiel")
    HYBRID = "hybrid", _("Hybride")


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", _("Chaque semaine")
    FORTNIGHTLY = "fortnightly", _("Toutes les deux semaines")
    MONTHLY = "monthly", _("Chaque mois")
    IRREGULAR = "irregular", _("Irrégulier")


class Visibility(models.TextChoices):
    LISTED = "listed", _("Visible dans l'annuaire")
    UNLISTED = "unlisted", _("Non répertorié (accessible par son lien)")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Ouvert : on rejoint librement")
    REQUEST = "request", _("Sur demande")


class GroupLanguageCode(models.TextChoices):
    FR = "fr", "Français"
    DE = "de", "Deutsch"
    IT = "it", "Italiano"
    EN = "en", "English"


class Group(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(max_length=5000)
    description_html = models.TextField(editable=False, default="")
    themes = models.ManyToManyField(Theme, related_name="groups")
    kind = models.CharField(max_length=20, choices=GroupKind.choices, default=GroupKind.SELF_MANAGED)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.CONCERNED)
    format = models.CharField(max_length=20, choices=GroupFormat.choices, default=GroupFormat.ONLINE)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="groups")
    rhythm = models.CharField(max_length=20, choices=Rhythm.choices, default=Rhythm.MONTHLY)
    rhythm_note = models.CharField(max_length=200, blank=True, default="")
    visibility = models.CharField(max_length=20, choices=Visibility.choices, default=Visibility.LISTED)
    join_policy = models.CharField(max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN)
    charter = models.TextField(max_length=10000)
    charter_html = models.TextField(editable=False, default="")
    charter_version = models.PositiveIntegerField(default=1)
    invite_token = models.CharField(max_length=40, unique=True, default=new_invite_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="groups_created"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When the group stopped (its members closed it, or its last member left): kept for the
    # figures a centre gives its funders, and so that a stopped group is never listed again.
    stopped_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Lower-cased, accent-free text of name, description and theme names in every
    # language, kept by the services so that search works alike on SQLite and PostgreSQL.
    search_text = models.TextField(editable=False, default="")
    member_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="group_name_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="group_slug_not_empty"),
        ]
        indexes = [
            models.Index(fields=["visibility", "name"]),
            # The directory's page of one region, in name order, without walking every group's
            # name to find the region's (theme + region: 8.7 ms to 0.2 ms at 10,000 groups on SQLite).
            models.Index(fields=["region", "visibility", "name"], name="group_directory_region"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_listed(self) -> bool:
        return self.visibility == Visibility.LISTED

    @property
    def is_self_managed(self) -> bool:
        return self.kind == GroupKind.SELF_MANAGED

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("group_detail", kwargs={"slug": self.slug})


class GroupLanguage(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="language_rows")
    code = models.CharField(max_length=8, choices=GroupLanguageCode.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="group_language_unique")]
        indexes = [models.Index(fields=["code", "group"])]


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(default=timezone.now)
    charter_version_accepted = models.PositiveIntegerField()

    class Meta:
        ordering = ["joined_at"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="membership_unique")]


class PastMembership(models.Model):
    """A membership that ended, kept as its member's own history (their data export): the
    group under the name it had on the day they left or were removed. What it is called
    since is none of theirs, and nothing here makes them a member of anything."""

    group = models.ForeignKey(Group, null=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="past_memberships")
    group_name = models.CharField(max_length=120)
    joined_at = models.DateTimeField()
    ended_at = models.DateTimeField(default=timezone.now)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["ended_at", "pk"]
        indexes = [models.Index(fields=["user", "ended_at"], name="past_membership_of_user")]


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    WITHDRAWN = "withdrawn", _("Retirée")


class JoinRequest(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(max_length=2000, blank=True, default="")
    charter_version_accepted = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(status="pending"),
                name="join_request_one_pending",
            )
        ]
