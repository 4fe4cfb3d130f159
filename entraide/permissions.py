"""Who may do what with groups and accounts. The one place anyone asks.

Membership decides; staff get no shortcut in group matters. What depends on a group's
rotating roles (who welcomes newcomers, who edits the group, who was removed) is kept by
another app, which answers for it on `registry.group_policies` (moderation does, from its
ready()). The core asks by verb and never imports that app; a verb nobody answers is refused,
so a missing answer closes a door rather than opening one.
"""

from . import registry
from .models import Group, JoinPolicy, User


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_member(user, group: Group) -> bool:
    if not _signed_in(user):
        return False
    cache = getattr(user, "_group_membership_cache", None)
    if cache is None:
        cache = user._group_membership_cache = {}
    if group.pk not in cache:
        cache[group.pk] = group.memberships.filter(user=user).exists()
    return cache[group.pk]


def remember_membership(user, group: Group, member: bool) -> None:
    """What a page read already in one query with other things."""
    if getattr(user, "_group_membership_cache", None) is None:
        user._group_membership_cache = {}
    user._group_membership_cache[group.pk] = member


def forget_membership(user) -> None:
    if hasattr(user, "_group_membership_cache"):
        del user._group_membership_cache


def _group_policy(verb: str, user, group: Group) -> bool:
    answer = registry.group_policies.get(verb, None)
    return answer is not None and answer(user, group)


def can_create_group(user) -> bool:
    return _signed_in(user) and user_has_verified_email(user)


def user_has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def can_view_group(user, group: Group, *, via_invite: bool = False) -> bool:
    """A listed group is public; an unlisted one is seen by its members and by its link, but
    never by someone its role holders removed, whatever link they hold."""
    if group.is_listed or is_member(user, group):
        return True
    return via_invite and can_enter(user, group)


def can_enter(user, group: Group) -> bool:
    """Not kept out by the group's role holders (removed by them): may join, ask to join, or
    open an unlisted group by its link."""
    return _group_policy("enter", user, group)


def can_see_members(user, group: Group) -> bool:
    return is_member(user, group)


def can_join(user, group: Group) -> bool:
    return _signed_in(user) and not is_member(user, group)


def can_request_to_join(user, group: Group) -> bool:
    return can_join(user, group) and group.join_policy == JoinPolicy.REQUEST


def can_leave(user, group: Group) -> bool:
    return is_member(user, group)


def can_decide_join_requests(user, group: Group) -> bool:
    return _group_policy("decide_join_requests", user, group)


def can_edit_group(user, group: Group) -> bool:
    return _group_policy("edit_group", user, group)


def can_view_profile(viewer, member: User) -> bool:
    return _signed_in(viewer) and viewer.pk == member.pk


def can_edit_profile(viewer, member: User) -> bool:
    return _signed_in(viewer) and viewer.pk == member.pk


def can_export(viewer, member: User) -> bool:
    return _signed_in(viewer) and viewer.pk == member.pk


def can_register_contact_wish(user) -> bool:
    return _signed_in(user)


def can_write_in_circle(user, circle) -> bool:
    return _signed_in(user) and circle.wishes.filter(user=user).exists()


def can_curate(user, model, action: str) -> bool:
    """Staff keep what the platform curates (entraide.admin_site), one permission per action
    ("add", "change", "delete", "view"); nothing else is theirs to change."""
    from .admin_site import CURATED_MODELS

    opts = model._meta
    return (
        _signed_in(user) and user.is_staff and opts.label in CURATED_MODELS
        and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
    )
