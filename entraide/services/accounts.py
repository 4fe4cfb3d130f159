"""Changes to a member's own account: profile, deletion."""

import re
import unicodedata
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions, registry
from ..errors import Conflict, DomainError
from ..models import Group, JoinRequest, JoinRequestStatus, Membership, PastMembership, User
from ..text import fold
from ..time_zones import UNKNOWN_TIME_ZONE, is_time_zone

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
PSEUDONYM_MIN_LENGTH = 2
PSEUDONYM_MAX_LENGTH = User._meta.get_field("pseudonym").max_length
PSEUDONYM_TAKEN = gettext_lazy("Ce pseudonyme est déjà pris.")
# What a closed account is shown as, in every language, and the platform's own name:
# nobody may pass for a former member or for the site.
RESERVED_PSEUDONYMS = {
    "ancien membre", "ancienne membre", "former member", "ehemaliges mitglied", "ex membro",
    "entraide", "admin", "administrateur", "moderateur", "moderator",
}
# Control, format (zero-width, bidirectional overrides), private-use and surrogate characters
# let one pseudonym look like another.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cs"}


def pseudonym_problem(pseudonym: str, *, member: User | None = None) -> str | None:
    """Why this pseudonym cannot be taken (by `member`, when renaming), or None.
    Sign-up and the profile page ask the same rules here."""
    pseudonym = (pseudonym or "").strip()
    if not pseudonym:
        return _("Choisissez un pseudonyme.")
    if not PSEUDONYM_MIN_LENGTH <= len(pseudonym) <= PSEUDONYM_MAX_LENGTH:
        return _("Le pseudonyme compte de 2 à 40 caractères.")
    if any(unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in pseudonym):
        return _("Le pseudonyme contient des caractères invisibles.")
    if not any(ch.isalnum() for ch in pseudonym):
        return _("Le pseudonyme doit contenir au moins une lettre ou un chiffre.")
    folded = fold(pseudonym)
    if folded in RESERVED_PSEUDONYMS or folded.startswith("former-"):
        return _("Ce pseudonyme est réservé. Choisissez-en un autre.")
    if _pseudonym_taken(pseudonym, member=member):
        return str(PSEUDONYM_TAKEN)
    return None


def _pseudonym_taken(pseudonym: str, *, member: User | None) -> bool:
    others = User.objects.exclude(pk=member.pk) if member is not None else User.objects.all()
    if pseudonym.isascii():
        return others.filter(pseudonym__iexact=pseudonym).exists()
    # SQLite's LIKE and lower() fold ASCII letters only ("Zoé" would not meet "ZOÉ");
    # its REGEXP is Python's re, which folds every alphabet, as PostgreSQL's ~* does.
    return others.filter(pseudonym__iregex=rf"^{re.escape(pseudonym)}$").exists()


@transaction.atomic
def profile_update(*, actor, member: User, pseudonym=None, preferred_language=None, time_zone=None) -> User:
    permissions.check_oneself(actor, member)
    changes = {}
    if pseudonym is not None:
        pseudonym = pseudonym.strip()
        problem = pseudonym_problem(pseudonym, member=member)
        if problem:
            raise DomainError(problem)
        changes["pseudonym"] = pseudonym
    if preferred_language is not None:
        if preferred_language not in LANGUAGE_CODES:
            raise DomainError(_("Langue inconnue."))
        changes["preferred_language"] = preferred_language
    if time_zone is not None:
        if not is_time_zone(time_zone):
            raise DomainError(UNKNOWN_TIME_ZONE % {"value": time_zone})
        changes["time_zone"] = time_zone
    if not changes:
        return member
    previous = {field: getattr(member, field) for field in changes}
    for field, value in changes.items():
        setattr(member, field, value)
    try:
        with transaction.atomic():
            member.save(update_fields=list(changes))
    except IntegrityError:
        # Someone took the same pseudonym between the check and the save.
        for field, value in previous.items():
            setattr(member, field, value)
        raise Conflict(PSEUDONYM_TAKEN) from None
    if "pseudonym" in changes:
        _name_changed(member)
    return member


def _name_changed(member: User) -> None:
    """Other apps refresh what of theirs shows the member's name (renamed, or "former member"
    once the account is closed): registry.name_changes."""
    for on_name_changed in registry.name_changes.values():
        on_name_changed(member)


@transaction.atomic
def account_delete(*, actor, member: User) -> None:
    """Close an account for good. What the member wrote stays, shown as 'former member';
    every way to reach or recognise them goes."""
    permissions.check_oneself(actor, member)
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    for group_id in Membership.objects.filter(user=member).values_list("group_id", flat=True):
        Group.objects.filter(pk=group_id).update(member_count=F("member_count") - 1)
    Membership.objects.filter(user=member).delete()
    PastMembership.objects.filter(user=member).delete()
    JoinRequest.objects.filter(user=member, status=JoinRequestStatus.PENDING).update(
        status=JoinRequestStatus.WITHDRAWN, decided_at=timezone.now()
    )
    member.contact_wishes.all().delete()
    EmailAddress.objects.filter(user=member).delete()
    Authenticator.objects.filter(user=member).delete()
    # Other apps' private choices and subscriptions go too; what the member wrote stays.
    for cleanup in registry.account_cleanups.values():
        cleanup(member)
    token = uuid.uuid4().hex
    member.email = f"deleted-{token}@invalid"
    member.pseudonym = f"former-{token[:20]}"
    member.preferred_language = ""
    member.is_active = False
    member.is_staff = False
    member.is_superuser = False
    member.deleted_at = timezone.now()
    member.set_unusable_password()
    member.save()
    _name_changed(member)
