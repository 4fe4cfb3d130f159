"""A group's forum: threads, numbered posts, their edit history, content warnings,
reactions, read marks and mentions.

Post bodies are rendered to HTML once, when written (entraide.text.render_markdown), and the
HTML is stored: pages never render Markdown. Counters (post_count) and dates of activity are
kept by the services so that the thread list reads one row per thread."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000
OTHER_WARNING_MAX_LENGTH = 60
SLOW_MODE_MAX_SECONDS = 24 * 60 * 60


class ForumSettings(models.Model):
    """How a group's forum is opened. No row: read by members only."""

    group = models.OneToOneField("entraide.Group", on_delete=models.CASCADE, related_name="forum_settings")
    # Never honoured for unlisted groups (checked in the service and in permissions:
    # a check constraint cannot look at the group's visibility).
    readable_by_anyone = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)


class Thread(models.Model):
    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="forum_threads")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_threads")
    is_anonymous = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    slow_mode_seconds = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    # Posts ever written in the thread: the number of the last one.
    post_count = models.PositiveIntegerField(default=0)
    # Raised by every service that changes what the thread's pages show (forums.services.touch):
    # a reader's browser keeps a page only while it is unchanged (forums.views.threads.thread_etag).
    content_version = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="forum_thread_title_not_empty"),
            models.CheckConstraint(
                condition=Q(slow_mode_seconds__lte=SLOW_MODE_MAX_SECONDS), name="forum_thread_slow_mode_bounded"
            ),
        ]
        indexes = [models.Index(fields=["group", "-is_pinned", "-last_activity_at"], name="forum_thread_listing")]

    def __str__(self) -> str:
        return self.title


class ContentWarning(models.TextChoices):
    SUICIDE_SELF_HARM = "suicide_self_harm", _("Suicide ou automutilation")
    ABUSE_VIOLENCE = "abuse_violence", _("Abus ou violence")
    EATING = "eating", _("Alimentation")
    SUBSTANCES = "substances", _("Substances")
    DEATH_GRIEF = "death_grief", _("Mort et deuil")
    MEDICAL = "medical", _("Détails médicaux")
    OTHER = "other", _("Autre")


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # The thread's group, kept on the post for notifications and search across a forum.
    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="forum_posts")
    # 1, 2, 3… within the thread: the permalink of a post.
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts")
    # Shown as "un membre du groupe" to everyone; moderators learn who only through a logged reveal.
    is_anonymous = models.BooleanField(default=False)
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    content_warnings = models.JSONField(default=list, blank=True)
    other_warning = models.CharField(max_length=OTHER_WARNING_MAX_LENGTH, blank=True, default="")
    quote_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_by_author_at = models.DateTimeField(null=True, blank=True)
    # Set by a moderator through moderation.services.content (who and why are in the moderation log).
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["thread", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="forum_post_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="forum_post_number_positive"),
            # Only a post its author deleted is emptied.
            models.CheckConstraint(
                condition=~Q(body="") | Q(deleted_by_author_at__isnull=False), name="forum_post_body_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["thread", "author", "-created_at"], name="forum_post_author_recent"),
            models.Index(fields=["group", "-created_at"], name="forum_post_group_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_by_author_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("forum_post", kwargs={"slug": self.group.slug, "thread_id": self.thread_id, "number": self.number})


class PostRevision(models.Model):
    """A version of a post before an edit; members of the group can read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body_html = models.TextField()
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-pk"]


class WarningChoice(models.TextChoices):
    SHOW = "show", _("Toujours afficher")
    ASK = "ask", _("Demander avant d'afficher")
    HIDE = "hide", _("Ne jamais afficher")


class ContentWarningPreference(models.Model):
    """A member's choice for one warning. No row: ask."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="warning_preferences")
    warning = models.CharField(max_length=30, choices=ContentWarning.choices)
    choice = models.CharField(max_length=10, choices=WarningChoice.choices, default=WarningChoice.ASK)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "warning"], name="forum_warning_preference_unique"),
            models.CheckConstraint(condition=Q(warning__in=ContentWarning.values), name="forum_warning_known"),
            models.CheckConstraint(condition=Q(choice__in=WarningChoice.values), name="forum_warning_choice_known"),
        ]


class ReactionKind(models.TextChoices):
    ME_TOO = "me_too", _("Moi aussi")
    THINKING_OF_YOU = "thinking_of_you", _("Je pense à toi")
    THANK_YOU = "thank_you", _("Merci")
    HELPFUL = "helpful", _("Utile")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions")
    kind = models.CharField(max_length=20, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "member", "kind"], name="forum_reaction_unique"),
            models.CheckConstraint(condition=Q(kind__in=ReactionKind.values), name="forum_reaction_known_kind"),
        ]


class ThreadRead(models.Model):
    """How far a member has read a thread: posts numbered above are unread."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_reads")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_post_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "thread"], name="forum_thread_read_unique")]


class Mention(models.Model):
    """A member named with @pseudonym in a post; kept for notifications."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_mentions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "member"], name="forum_mention_unique")]


class Subscription(models.Model):
    """A member watches one thread (new posts) or a whole group forum (new threads)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions")
    group = models.ForeignKey("entraide.Group", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="forum_subscriptions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(thread__isnull=False) & Q(group__isnull=True)) | (Q(thread__isnull=True) & Q(group__isnull=False)),
                name="forum_subscription_thread_or_forum",
            ),
            models.UniqueConstraint(fields=["member", "thread"], condition=Q(thread__isnull=False),
                                    name="forum_subscription_thread_once"),
            models.UniqueConstraint(fields=["member", "group"], condition=Q(group__isnull=False),
                                    name="forum_subscription_forum_once"),
        ]
