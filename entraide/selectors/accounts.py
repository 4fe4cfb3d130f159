"""Reads for a member's own account pages, with fixed query counts."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from ..models import Group, User


def account_overview(member: User) -> dict:
    """What the profile page shows besides the form: e-mail addresses and two-factor state."""
    return {
        "email_addresses": list(EmailAddress.objects.filter(user=member).order_by("-primary", "email")),
        "two_factor_active": Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists(),
    }


def member_page(member: User) -> dict:
    return {
        "member": member,
        "groups": list(Group.objects.filter(memberships__user=member).order_by("name")),
    }
