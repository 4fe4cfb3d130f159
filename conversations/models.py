"""Private conversations: one-to-one peer support between two members who share a group.

A conversation stores its two members in a fixed order (the smaller id first), so that one
pair of members has one conversation whoever wrote first. Message bodies are rendered to
HTML once, when written.

The tables were created by the forums app, which held conversations first: they keep their
names, and their rows."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

MESSAGE_MAX_LENGTH = 20_000


class Conversation(models.Model):
    first_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    second_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "forums_conversation"
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["first_member", "second_member"], name="conversation_one_per_pair"),
            models.CheckConstraint(condition=Q(first_member__lt=F("second_member")), name="conversation_ordered_pair"),
        ]
        indexes = [
            models.Index(fields=["first_member", "-last_message_at"], name="conversation_first_recent"),
            models.Index(fields=["second_member", "-last_message_at"], name="conversation_second_recent"),
        ]

    def member_ids(self) -> tuple[int, int]:
        return self.first_member_id, self.second_member_id

    def other_member_id(self, user) -> int:
        return self.second_member_id if user.pk == self.first_member_id else self.first_member_id

    def get_absolute_url(self) -> str:
        return reverse("conversation_detail", kwargs={"pk": self.pk})


class PrivateMessage(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    # When the other member opened the conversation after this message arrived.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "forums_privatemessage"
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="private_message_not_empty")]
        indexes = [models.Index(fields=["conversation", "created_at"], name="private_message_in_order")]
