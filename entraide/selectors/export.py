"""A member's data export: their account and everything they wrote or registered.

The export is made of the named sections of `registry.export_sections`, in the order they
were registered: the core's own (from EntraideConfig.ready(), "export" first, which describes
the export itself), then each app's from its AppConfig.ready()::

    from entraide import registry
    registry.export_sections.register("forum_posts", forum_posts_for_export)

A section is a function of the member that returns JSON-ready data (strings, numbers,
booleans, lists, dicts; dates as ISO 8601 strings through `iso`) and runs a fixed number
of queries, whatever the amount of data. It only ever reads what belongs to that member:
what they wrote, registered or chose, never other members' private data.
"""

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils import timezone

from .. import registry
from ..models import ContactMessage, Group, JoinRequest, Membership, PastMembership, User
from .memberships import GroupNames

ExportSection = Callable[[User], Any]
EXPORT_FORMAT_VERSION = 1

def user_export(user: User) -> dict:
    return {name: section(user) for name, section in registry.export_sections.items()}


def export_section(user: User) -> dict:
    """What the export is: from which site, in which format, made when."""
    return {
        "site": settings.SITE_NAME,
        "format_version": EXPORT_FORMAT_VERSION,
        "created_at": iso(timezone.now()),
    }


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _group_ref(group: Group, names: GroupNames | None = None) -> dict:
    """A group they left goes under the name it had then, without today's address."""
    if names is not None and names.has_left(group):
        return {"name": names(group), "slug": None}
    return {"name": group.name, "slug": group.slug}


def account_section(user: User) -> dict:
    emails = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    two_factor = Authenticator.objects.filter(user=user).order_by("type").values_list("type", "created_at")
    return {
        "pseudonym": user.pseudonym,
        "email_addresses": [
            {"email": address.email, "primary": address.primary, "verified": address.verified}
            for address in emails
        ],
        "preferred_language": user.preferred_language,
        "time_zone": user.time_zone,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        # Which kinds of second factor are set up and since when; never their secrets.
        "two_factor_authentication": [{"type": kind, "since": iso(since)} for kind, since in two_factor],
    }


def memberships_section(user: User) -> list:
    memberships = Membership.objects.filter(user=user).select_related("group").order_by("joined_at", "pk")
    return [
        {
            "group": _group_ref(membership.group),
            "joined_at": iso(membership.joined_at),
            "charter_version_accepted": membership.charter_version_accepted,
        }
        for membership in memberships
    ]


def past_memberships_section(user: User) -> list:
    """The groups they left or were removed from, under the name each had on that day."""
    return [
        {
            "group": past.group_name,
            "joined_at": iso(past.joined_at),
            "ended_at": iso(past.ended_at),
            "removed": past.removed,
        }
        for past in PastMembership.objects.filter(user=user).order_by("ended_at", "pk")
    ]


def groups_created_section(user: User) -> list:
    """What the groups they created say today, for the groups they are still in; of a group
    they left, only that they created it, under the name it had when they left."""
    groups = (
        Group.objects.filter(created_by=user)
        .select_related("region")
        .prefetch_related("themes", "language_rows")
        .order_by("created_at", "pk")
    )
    names = GroupNames(user)
    return [
        {"name": names(group), "left": True, "created_at": iso(group.created_at)} if names.has_left(group) else {
            "name": group.name,
            "slug": group.slug,
            "description": group.description,
            "charter": group.charter,
            "charter_version": group.charter_version,
            "kind": group.kind,
            "audience": group.audience,
            "format": group.format,
            "region": group.region.code,
            "rhythm": group.rhythm,
            "rhythm_note": group.rhythm_note,
            "visibility": group.visibility,
            "join_policy": group.join_policy,
            "themes": sorted(theme.code for theme in group.themes.all()),
            "languages": sorted(row.code for row in group.language_rows.all()),
            "created_at": iso(group.created_at),
        }
        for group in groups
    ]


def join_requests_section(user: User) -> list:
    requests = JoinRequest.objects.filter(user=user).select_related("group").order_by("created_at", "pk")
    names = GroupNames(user)
    return [
        {
            "group": _group_ref(request.group, names),
            "message": request.message,
            "status": request.status,
            "charter_version_accepted": request.charter_version_accepted,
            "created_at": iso(request.created_at),
            "decided_at": iso(request.decided_at),
        }
        for request in requests
    ]


def contact_wishes_section(user: User) -> list:
    wishes = user.contact_wishes.select_related("theme", "region").order_by("created_at", "pk")
    return [
        {
            "theme": wish.theme.code,
            "region": wish.region.code,
            "created_at": iso(wish.created_at),
            "in_contact": wish.circle_id is not None,
        }
        for wish in wishes
    ]


def contact_messages_section(user: User) -> list:
    """Only the messages this member wrote: what the others wrote is theirs."""
    messages = (
        ContactMessage.objects.filter(author=user)
        .select_related("circle__theme", "circle__region")
        .order_by("created_at", "pk")
    )
    return [
        {
            "circle": {"theme": message.circle.theme.code, "region": message.circle.region.code},
            "body": message.body,
            "created_at": iso(message.created_at),
        }
        for message in messages
    ]


# The core's sections, registered from EntraideConfig.ready(), "export" first.
CORE_SECTIONS = {
    "export": export_section,
    "account": account_section,
    "memberships": memberships_section,
    "past_memberships": past_memberships_section,
    "groups_created": groups_created_section,
    "join_requests": join_requests_section,
    "contact_wishes": contact_wishes_section,
    "contact_messages": contact_messages_section,
}
