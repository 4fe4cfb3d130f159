"""The reads of members' private mutes and blocks."""

from entraide import registry
from entraide.models import ContactWish, Membership

from ..models import MemberBlock, MemberMute


def muted_author_ids(user) -> set[int]:
    """The members whose posts and chat messages `user` no longer wants to see: one query."""
    if not (user and user.is_authenticated):
        return set()
    return set(MemberMute.objects.filter(user=user).values_list("muted_id", flat=True))


def silenced_member_ids(user) -> set[int]:
    """The members `user` muted or blocked, in one query: what a group's pages fold away for
    them, read once through their standing (`Standing.silenced_ids`)."""
    if not (user and user.is_authenticated):
        return set()
    muted = MemberMute.objects.filter(user=user).order_by().values_list("muted_id", flat=True)
    blocked = MemberBlock.objects.filter(user=user).order_by().values_list("blocked_id", flat=True)
    return set(muted.union(blocked))


def has_blocked(user, other) -> bool:
    """Whether `user` has blocked `other`."""
    return MemberBlock.objects.filter(user=user, blocked=other).exists()


def shares_a_space(user, other) -> bool:
    """Whether the two members meet somewhere: a group, a contact circle, or a place another app
    lets them write privately (a pairing): wherever one can reach the other, they can mute or block."""
    if Membership.objects.filter(user=user, group__memberships__user=other).exists():
        return True
    if ContactWish.objects.filter(user=user, circle__isnull=False, circle__wishes__user=other).exists():
        return True
    return any(allowance(user, other) for allowance in registry.private_conversation_allowances.values())


def my_mutes_and_blocks(user) -> dict:
    """The safety page: two queries."""
    return {
        "mutes": list(MemberMute.objects.filter(user=user).select_related("muted").order_by("muted__pseudonym")),
        "blocks": list(MemberBlock.objects.filter(user=user).select_related("blocked").order_by("blocked__pseudonym")),
    }
