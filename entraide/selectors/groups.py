from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Group, GroupLanguage, JoinRequest, JoinRequestStatus, Membership, Theme


def group_by_slug(slug: str) -> Group:
    return get_object_or_404(_group_queryset(), slug=slug)


def group_by_invite(token: str) -> Group:
    return get_object_or_404(_group_queryset(), invite_token=token)


def _group_queryset():
    return Group.objects.select_related("region").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.select_related("sector")),
        Prefetch("language_rows", queryset=GroupLanguage.objects.order_by("code")),
    )


def group_members(group: Group):
    return Membership.objects.filter(group=group).select_related("user").order_by("joined_at")


def pending_requests(group: Group):
    return JoinRequest.objects.filter(group=group, status=JoinRequestStatus.PENDING).select_related("user")


def group_page(group: Group, user, *, via_invite: bool = False) -> dict:
    """Everything the group page shows to this visitor; only sections that exist."""
    is_member = permissions.is_member(user, group)
    context = {
        "group": group,
        "is_member": is_member,
        "via_invite": via_invite,
        "can_edit": permissions.can_edit_group(user, group),
        "can_decide": permissions.can_decide_join_requests(user, group),
        "members": list(group_members(group)) if permissions.can_see_members(user, group) else None,
        "pending_count": 0,
        "my_request": None,
    }
    if context["can_decide"]:
        context["pending_count"] = pending_requests(group).count()
    if user.is_authenticated and not is_member:
        context["my_request"] = JoinRequest.objects.filter(
            group=group, user=user, status=JoinRequestStatus.PENDING
        ).first()
    return context
