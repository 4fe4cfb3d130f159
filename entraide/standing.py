"""A member's standing in a group: what every permission check in a group is decided from.

Read in one query: the membership, and what the apps that keep other facts about a member in
a group add to it through `registry.standing_facts` (moderation: the roles held now, a group
mute, a removal). Who the member has muted or blocked is read on first use, in one more.

Pages read it once per request (`standing_for`) and hand it to every check they ask; services
read it afresh (`read_standing`), so a decision inside a transaction never rests on what a page
read before. A view that changes a standing redirects: the next request reads the new one.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef
from django.utils import timezone

from . import registry
from .models import Group, Membership


class StandingFacts(NamedTuple):
    """What an app adds to a standing (registered on `registry.standing_facts`):
    `annotations(*, user, now)` -> {name: expression on the group's row},
    `fields(row)` -> {Standing field: value} from those (the row has `is_member` too),
    `silenced_ids(user)` -> ids of members whose words this member chose not to see."""

    annotations: Any
    fields: Any
    silenced_ids: Any = None


def signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@dataclass(eq=False)
class Standing:
    user: Any
    group: Group
    is_member: bool = False
    roles: frozenset = frozenset()
    muted_until: datetime | None = None
    # Removed by the group's role holders: kept out whatever link they hold.
    is_removed: bool = False
    read_at: datetime = field(default_factory=timezone.now)

    @property
    def is_signed_in(self) -> bool:
        return signed_in(self.user)

    @property
    def user_id(self):
        return self.user.pk if self.is_signed_in else None

    @property
    def is_muted(self) -> bool:
        return self.muted_until is not None and self.read_at < self.muted_until

    def holds(self, role) -> bool:
        return role in self.roles

    @property
    def holds_any_role(self) -> bool:
        return bool(self.roles)

    @cached_property
    def silenced_ids(self) -> frozenset:
        """Members this one muted or blocked, whose posts and messages fold away for them."""
        if not self.is_signed_in:
            return frozenset()
        ids = set()
        for facts in registry.standing_facts.values():
            if facts.silenced_ids is not None:
                ids |= set(facts.silenced_ids(self.user))
        return frozenset(ids)

    def facts(self) -> tuple:
        """Everything it holds, as plain values: part of a page's ETag."""
        return (self.user_id, self.group.pk, self.is_member, tuple(sorted(self.roles)), self.is_muted,
                self.is_removed)


def read_standing(user, group: Group) -> Standing:
    now = timezone.now()
    if not signed_in(user):
        return Standing(user=user, group=group, read_at=now)
    annotations = {"is_member": Exists(Membership.objects.filter(group=OuterRef("pk"), user=user.pk))}
    extensions = registry.standing_facts.values()
    for facts in extensions:
        annotations.update(facts.annotations(user=user, now=now))
    row = Group.objects.filter(pk=group.pk).values(**annotations).first()
    if row is None:
        return Standing(user=user, group=group, read_at=now)
    fields = {"is_member": row["is_member"]}
    for facts in extensions:
        fields.update(facts.fields(row))
    return Standing(user=user, group=group, read_at=now, **fields)


def standing_for(request, group: Group) -> Standing:
    """The signed-in member's standing in the group, read once for this request."""
    memo = request.__dict__.setdefault("_standings", {})
    standing = memo.get(group.pk)
    if standing is None:
        user = request.user
        user.is_authenticated  # noqa: B018 (loads the lazy user, so that the standing holds the member itself)
        standing = memo[group.pk] = read_standing(getattr(user, "_wrapped", user), group)
    return standing
