"""A member's data export: their account and everything they wrote or registered.

The export is a registry of named sections. Each later app (forums, meetings, chat) adds
its own from its AppConfig.ready()::

    from entraide.selectors.export import register_export_section
    register_export_section("forum_posts", forum_posts_for_export)

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

from ..models import ContactMessage, Group, JoinRequest, Membership, User

ExportSection = Callable[[User], Any]
EXPORT_FORMAT_VERSION = 1

_sections: dict[str, ExportSection] = {}


def register_export_section(name: str, fn: ExportSection) -> None:
    """Add a section under `name`. Registering the same function again is harmless
    (modules can be imported twice); a second function under one name is a mistake."""
    known = _sections.get(name)
    if known is not None and known is not fn:
        raise ValueError(f"An export section named {name!r} is already registered.")
    if name == "export":
        raise ValueError("'export' is the name of the export's own description.")
    _sections[name] = fn


def export_section_names() -> list[str]:
    return list(_sections)


def user_export(user: User) -> dict:
    data = {
        "export": {
            "site": settings.SITE_NAME,
            "format_version": EXPORT_FORMAT_VERSION,
            "created_at": iso(timezone.now()),
        }
    }
    for name, fn in _sections.items():
        data[name] = fn(user)
    return data


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _group_ref(group: Group) -> dict:
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


def groups_created_section(user: User) -> list:
    groups = (
        Group.objects.filter(created_by=user)
        .select_related("region")
        .prefetch_related("themes", "language_rows")
        .order_by("created_at", "pk")
    )
    return [
        {
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
    return [
        {
            "group": _group_ref(request.group),
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


register_export_section("account", account_section)
register_export_section("memberships", memberships_section)
register_export_section("groups_created", groups_created_section)
register_export_section("join_requests", join_requests_section)
register_export_section("contact_wishes", contact_wishes_section)
register_export_section("contact_messages", contact_messages_section)
