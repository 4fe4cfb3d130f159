"""Changes to a member's own account: profile, deletion."""

import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..errors import DomainError, NotAllowed
from ..models import Group, JoinRequest, JoinRequestStatus, Membership, User

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


@transaction.atomic
def profile_update(*, actor, member: User, pseudonym=None, preferred_language=None) -> User:
    if not permissions.can_edit_profile(actor, member):
        raise NotAllowed(_("Vous ne pouvez modifier que votre propre profil."))
    fields = []
    if pseudonym is not None:
        pseudonym = pseudonym.strip()
        if not 2 <= len(pseudonym) <= 40:
            raise DomainError(_("Le pseudonyme compte de 2 à 40 caractères."))
        if User.objects.filter(pseudonym__iexact=pseudonym).exclude(pk=member.pk).exists():
            raise DomainError(_("Ce pseudonyme est déjà pris."))
        member.pseudonym = pseudonym
        fields.append("pseudonym")
    if preferred_language is not None:
        if preferred_language not in LANGUAGE_CODES:
            raise DomainError(_("Langue inconnue."))
        member.preferred_language = preferred_language
        fields.append("preferred_language")
    if fields:
        member.save(update_fields=fields)
    return member


@transaction.atomic
def account_delete(*, actor, member: User) -> None:
    """Close an account for good. What the member wrote stays, shown as 'former member';
    every way to reach or recognise them goes."""
    if not permissions.can_edit_profile(actor, member):
        raise NotAllowed(_("Vous ne pouvez supprimer que votre propre compte."))
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    for group_id in Membership.objects.filter(user=member).values_list("group_id", flat=True):
        Group.objects.filter(pk=group_id).update(member_count=F("member_count") - 1)
    Membership.objects.filter(user=member).delete()
    JoinRequest.objects.filter(user=member, status=JoinRequestStatus.PENDING).update(
        status=JoinRequestStatus.WITHDRAWN, decided_at=timezone.now()
    )
    member.contact_wishes.all().delete()
    EmailAddress.objects.filter(user=member).delete()
    Authenticator.objects.filter(user=member).delete()
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
