from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Group, GroupLanguage, JoinRequest, JoinRequestStatus, Membership, Theme
from ..standing import Standing


def group_page_queryset():
    """The group with what its page and its edit form show: region, themes, languages."""
    return Group.objects.select_related("region").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.select_related("sector")),
        Prefetch("language_rows", queryset=GroupLanguage.objects.order_by("code")),
    )


def slug_for_invite(token: str) -> str:
    """The slug of the group this invite link opens; 404 for a link that opens none."""
    return get_object_or_404(Group.objects.values_list("slug", flat=True), invite_token=token)


def invite_opens(slug: str, token: str) -> bool:
    """Whether the invite token a form sent back is still this group's link."""
    return bool(token) and Group.objects.filter(slug=slug, invite_token=token).exists()


def group_members(group: Group):
    return Membership.objects.filter(group=group).select_related("user").order_by("joined_at")


def pending_requests(group: Group):
    return JoinRequest.objects.filter(group=group, status=JoinRequestStatus.PENDING).select_related("user")


def group_page(standing: Standing, *, via_invite: bool = False) -> dict:
    """Everything the group page shows to this visitor, from their standing; only sections that exist."""
    group = standing.group
    context = {
        "group": group,
        "standing": standing,
        "is_member": standing.is_member,
        "via_invite": via_invite,
        "can_edit": permissions.can_edit_group(standing),
        "can_decide": permissions.can_decide_join_requests(standing),
        "members": list(group_members(group)) if permissions.can_see_members(standing) else None,
        "pending_count": 0,
        "my_request": None,
    }
    if context["can_decide"]:
        context["pending_count"] = pending_requests(group).count()
    if standing.is_signed_in and not standing.is_member:
        context["my_request"] = JoinRequest.objects.filter(
            group=group, user=standing.user, status=JoinRequestStatus.PENDING
        ).first()
    return context
