"""A group's live chat: one room per group holding the last seq handed out, the messages with
their per-group seq, and each member's chat preference (hiding their presence)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

BODY_MAX_LENGTH = 4000
CLIENT_ID_MAX_LENGTH = 64
# A group's chat slowed to one message per this many seconds at most (an hour).
SLOW_MODE_MAX_SECONDS = 3600


class ChatRoom(models.Model):
    """Created with the group's first message. Its row is locked while a message takes the next
    seq, so that seqs are unique and without gaps whichever process sends."""

    group = models.OneToOneField("entraide.Group", on_delete=models.CASCADE, related_name="chat_room")
    last_seq = models.PositiveBigIntegerField(default=0)
    # One message per member every so many seconds; 0 is off. Set by a moderator (logged).
    slow_mode_seconds = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"chat {self.group_id}"


class ChatMessage(models.Model):
    group = models.ForeignKey("entraide.Group", on_delete=models.CASCADE, related_name="chat_messages")
    # 1, 2, 3… within the group, in the order messages were stored: what a client resumes after.
    seq = models.PositiveBigIntegerField()
    # Kept when the account closes (shown as "former member", as forum posts are).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="chat_messages")
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    # Chosen by the client: the same one sent again (after a reconnect) stores nothing new.
    client_id = models.CharField(max_length=CLIENT_ID_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by a moderator through moderation.services.content (who and why are in the moderation log).
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["group", "seq"], name="chat_message_seq_unique"),
            models.UniqueConstraint(fields=["group", "author", "client_id"], name="chat_message_client_id_unique"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="chat_message_seq_positive"),
            models.CheckConstraint(condition=~Q(body=""), name="chat_message_body_not_empty"),
        ]
        indexes = [models.Index(fields=["group", "author", "-created_at"], name="chat_message_author_recent")]

    def __str__(self) -> str:
        return f"chat {self.group_id} #{self.seq}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ChatSettings(models.Model):
    """A member's chat preferences, across their groups."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_settings")
    # Present in a chat without being listed as present (nor shown typing).
    hide_presence = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"chat settings {self.member_id}"
