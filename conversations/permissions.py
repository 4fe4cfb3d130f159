"""Who may write privately to whom, and who reads a conversation. The one place views and
services ask."""

from datetime import timedelta

from django.utils import timezone

from entraide.models import Membership
from moderation.permissions import can_write_to

# Private messages open one day after an account is created: a fresh account writing to
# strangers is the usual shape of harassment and spam.
PRIVATE_MESSAGES_MIN_ACCOUNT_AGE = timedelta(days=1)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_old_enough_for_private_messages(user, now=None) -> bool:
    return (now or timezone.now()) - user.date_joined >= PRIVATE_MESSAGES_MIN_ACCOUNT_AGE


def share_a_group(user, other) -> bool:
    return Membership.objects.filter(user=user, group__memberships__user=other).exists()


def can_view_conversation(user, conversation) -> bool:
    return _signed_in(user) and user.pk in conversation.member_ids()


def can_receive_private_messages_from(other, user, now=None) -> bool:
    """Whether `other` takes private messages from `user`: not blocked, an account old enough.
    Refusals never say which: nobody learns they were blocked."""
    return can_write_to(user, other) and is_old_enough_for_private_messages(other, now)
