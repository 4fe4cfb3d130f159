"""The reads of members' private mutes and blocks."""

from entraide.models import ContactWish, Membership

from ..models import MemberBlock, MemberMute


def muted_author_ids(user) -> set[int]:
    """The members whose posts and chat messages `user` no longer wants to see. Cached on the
    user for the request: forums and chat ask it for every list they show."""
    if not (user and user.is_authenticated):
        return set()
    cached = getattr(user, "_muted_author_ids", None)
    if cached is None:
        cached = user._muted_author_ids = set(MemberMute.objects.filter(user=user).values_list("muted_id", flat=True))
    return cached


def forget_muted(user) -> None:
    if hasattr(user, "_muted_author_ids"):
        del user._muted_author_ids


def has_blocked(user, other) -> bool:
    """Whether `user` has blocked `other`."""
    return MemberBlock.objects.filter(user=user, blocked=other).exists()


def is_muting(user, other) -> bool:
    return other.pk in muted_author_ids(user)


def shares_a_space(user, other) -> bool:
    """Whether the two members meet somewhere: a group, or a contact circle."""
    if Membership.objects.filter(user=user, group__memberships__user=other).exists():
        return True
    return ContactWish.objects.filter(user=user, circle__isnull=False, circle__wishes__user=other).exists()


def my_mutes_and_blocks(user) -> dict:
    """The safety page: two queries."""
    return {
        "mutes": list(MemberMute.objects.filter(user=user).select_related("muted").order_by("muted__pseudonym")),
        "blocks": list(MemberBlock.objects.filter(user=user).select_related("blocked").order_by("blocked__pseudonym")),
    }
