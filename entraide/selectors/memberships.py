"""Who is in a group, and how a group is named for one member once memberships can end.

A member who left a group, or was removed from it, keeps their own history (their export,
their stories) but learns nothing of the group since: it goes on under the name it had on
the day they left. Two queries, whatever the number of groups."""

from ..models import Membership, PastMembership


def is_member(user, group) -> bool:
    """Whether someone is in the group now: a fact about another member (the one a decision is
    about, the one a role is handed to). What the acting member may do is read from their
    standing (entraide.standing)."""
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(group=group, user=user).exists()


class GroupNames:
    """Call it with a group: its name as this member may know it."""

    def __init__(self, user):
        self._current = set(Membership.objects.filter(user=user).values_list("group_id", flat=True))
        # Ordered oldest first, so that the name of the last departure wins.
        self._then = dict(
            PastMembership.objects.filter(user=user, group__isnull=False)
            .order_by("ended_at", "pk").values_list("group_id", "group_name")
        )

    def has_left(self, group) -> bool:
        return group.pk not in self._current and group.pk in self._then

    def __call__(self, group) -> str:
        return self._then[group.pk] if self.has_left(group) else group.name
