"""Who may write privately to whom, and who reads a conversation. The one place views and
services ask: each rule a `check_<verb>` raising the member's message, `can_<verb>` derived.

A conversation is its two members' only: to anyone else it answers as if it did not exist.
A refusal never tells the writer they were blocked: a member who blocked them, or whose
account is too new, "ne reçoit pas de messages privés"."""

import functools
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide import registry
from entraide.errors import DomainError, NotAllowed, NotFound, allows
from entraide.models import Membership
from entraide.permissions import check_signed_in
from entraide.standing import signed_in
from moderation.permissions import can_write_to
from moderation.selectors import has_blocked

# Private messages open one day after an account is created: a fresh account writing to
# strangers is the usual shape of harassment and spam.
PRIVATE_MESSAGES_MIN_ACCOUNT_AGE = timedelta(days=1)

NOBODY_THERE = _("Ce membre n'existe pas ou a quitté la plateforme.")
NOT_TO_ONESELF = _("Vous ne pouvez pas vous écrire à vous-même.")
ACCOUNT_TOO_NEW = _("Les messages privés s'ouvrent un jour après la création de votre compte. "
                    "En attendant, vous pouvez écrire dans le forum de vos groupes.")
NO_GROUP_IN_COMMON = _("Vous pouvez écrire en privé aux membres des groupes dont vous faites partie.")
YOU_BLOCKED = _("Vous avez bloqué ce membre : débloquez-le pour lui écrire.")
TAKES_NO_PRIVATE_MESSAGES = _("Cette personne ne reçoit pas de messages privés.")


def is_old_enough_for_private_messages(user, now=None) -> bool:
    return (now or timezone.now()) - user.date_joined >= PRIVATE_MESSAGES_MIN_ACCOUNT_AGE


def share_a_group(user, other) -> bool:
    return Membership.objects.filter(user=user, group__memberships__user=other).exists()


def is_allowed_pair(user, other) -> bool:
    """Two members another app lets write to each other though they share no group
    (entraide.registry.private_conversation_allowances: a pairing, in peers/)."""
    return any(allowance(user, other) for allowance in registry.private_conversation_allowances.values())


def check_write_privately(user, other, *, now=None) -> None:
    """Start or go on with a conversation with `other`: a member of one of the writer's groups,
    or someone an allowance pairs them with; both accounts a day old; neither having blocked
    the other."""
    check_signed_in(user)
    if other is None or not other.is_active or other.is_deleted:
        raise NotAllowed(NOBODY_THERE)
    if other.pk == user.pk:
        raise DomainError(NOT_TO_ONESELF)
    # Asked only where a group in common or the accounts' age would refuse, then at most once.
    # An allowed pair also skips the day's wait: that wait guards against strangers writing
    # to strangers, and these two each agreed to talk to the other.
    allowed_pair = functools.cache(lambda: is_allowed_pair(user, other))
    if not is_old_enough_for_private_messages(user, now) and not allowed_pair():
        raise NotAllowed(ACCOUNT_TOO_NEW)
    if not share_a_group(user, other) and not allowed_pair():
        raise NotAllowed(NO_GROUP_IN_COMMON)
    if has_blocked(user, other):
        raise NotAllowed(YOU_BLOCKED)
    # Blocked by `other` (moderation's rule) or an account too new: one refusal for both.
    if not can_write_to(user, other) or not (is_old_enough_for_private_messages(other, now) or allowed_pair()):
        raise NotAllowed(TAKES_NO_PRIVATE_MESSAGES)


def check_view_conversation(user, conversation) -> None:
    """Its two members only; anyone else is answered as if it did not exist."""
    if not (signed_in(user) and user.pk in conversation.member_ids()):
        raise NotFound()


can_write_privately = allows(check_write_privately)
can_view_conversation = allows(check_view_conversation)
