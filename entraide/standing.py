"""A member's standing in a group: what every permission check in a group is decided from.

Read in one query: the membership, and what the apps that keep other facts about a member in
a group add to it through `registry.standing_facts` (moderation: the roles held now, a group
mute, a removal). Who the member has muted or blocked is read on first use, in one more.

Pages read it once per request, with the group itself when they open it (`open_group`, one
query for both), and hand it to every check they ask (`standing_for`); services read it afresh
(`read_standing`), so a decision inside a transaction never rests on what a page read before.
A view that changes a standing redirects: the next request reads the new one.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, QuerySet
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


def _annotations(user, now) -> dict:
    """The standing as expressions on the group's row."""
    annotations = {"is_member": Exists(Membership.objects.filter(group=OuterRef("pk"), user=user.pk))}
    for facts in registry.standing_facts.values():
        annotations.update(facts.annotations(user=user, now=now))
    return annotations


def _standing(user, group: Group, row: dict | None, now) -> Standing:
    if row is None:
        return Standing(user=user, group=group, read_at=now)
    fields = {"is_member": row["is_member"]}
    for facts in registry.standing_facts.values():
        fields.update(facts.fields(row))
    return Standing(user=user, group=group, read_at=now, **fields)


def read_standing(user, group: Group) -> Standing:
    now = timezone.now()
    if not signed_in(user):
        return Standing(user=user, group=group, read_at=now)
    row = Group.objects.filter(pk=group.pk).values(**_annotations(user, now)).first()
    return _standing(user, group, row, now)


def _member(request):
    user = request.user
    user.is_authenticated  # noqa: B018 (loads the lazy user, so that the standing holds the member itself)
    return getattr(user, "_wrapped", user)


def _memo(request) -> dict:
    return request.__dict__.setdefault("_standings", {})


# The standing's columns on a group's row read with it, apart from the group's own fields.
_COLUMN = "standing_"


def open_group(request, groups: QuerySet, *, slug: str) -> Standing | None:
    """The group of `groups` with that slug and the signed-in member's standing in it, read in
    one query and kept for the request (`standing_for`); None when there is no such group."""
    user = _member(request)
    now = timezone.now()
    annotations = _annotations(user, now) if signed_in(user) else {}
    try:
        group = groups.annotate(**{_COLUMN + name: value for name, value in annotations.items()}).get(slug=slug)
    except Group.DoesNotExist:
        return None
    memo = _memo(request)
    if group.pk not in memo:
        row = {name: getattr(group, _COLUMN + name) for name in annotations} if annotations else None
        memo[group.pk] = _standing(user, group, row, now)
    return memo[group.pk]


def standing_for(request, group: Group) -> Standing:
    """The signed-in member's standing in the group, read once for this request."""
    memo = _memo(request)
    standing = memo.get(group.pk)
    if standing is None:
        standing = memo[group.pk] = read_standing(_member(request), group)
    return standing
