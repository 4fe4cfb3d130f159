"""A member's content-warning preferences, and how a group opens its forum."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError
from entraide.permissions import check_signed_in
from entraide.standing import read_standing

from .. import permissions
from ..models import ContentWarning, ContentWarningPreference, ForumSettings, WarningChoice


def cw_preference_set(*, actor, warning, choice) -> ContentWarningPreference:
    check_signed_in(actor)
    if warning not in ContentWarning.values:
        raise DomainError(_("Cet avertissement n'existe pas : choisissez-en un dans la liste."))
    if choice not in WarningChoice.values:
        raise DomainError(_("Choisissez : toujours afficher, demander, ou ne jamais afficher."))
    preference, _created = ContentWarningPreference.objects.update_or_create(
        member=actor, warning=warning, defaults={"choice": choice}
    )
    return preference


@transaction.atomic
def cw_preferences_set(*, actor, choices: dict) -> None:
    for warning, choice in choices.items():
        cw_preference_set(actor=actor, warning=warning, choice=choice)


@transaction.atomic
def forum_settings_update(*, actor, group, readable_by_anyone: bool) -> ForumSettings:
    permissions.check_update_forum_settings(read_standing(actor, group))
    if readable_by_anyone and not group.is_listed:
        raise DomainError(
            _("Un groupe non répertorié ne peut pas ouvrir son forum à tout le monde. "
              "Rendez d'abord le groupe visible dans l'annuaire si c'est bien ce que le groupe souhaite.")
        )
    forum_settings, _created = ForumSettings.objects.update_or_create(
        group=group, defaults={"readable_by_anyone": bool(readable_by_anyone), "updated_at": timezone.now()}
    )
    group.forum_settings = forum_settings
    return forum_settings
