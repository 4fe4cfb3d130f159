"""Small checks the moderation services share."""

from django.utils.translation import gettext as _

from entraide.errors import DomainError

from .. import permissions, reportables
from ..models import CORE_ROLES, REASON_MAX_LENGTH, RoleKind


def clean_reason(reason, message=None) -> str:
    """Every decision says why: an empty reason is refused with a message for the member."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(message or _("Dites en quelques mots pourquoi : le groupe pourra lire cette raison."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("La raison ne peut pas dépasser %(max)s caractères.") % {"max": REASON_MAX_LENGTH})
    return reason


def role_for_log(user, group, preferred=RoleKind.MODERATOR) -> str:
    """Which of the actor's roles the log names: the one the action needs, else the first held."""
    roles = permissions.current_roles(user, group)
    if preferred in roles:
        return preferred
    return next((role for role in (*CORE_ROLES, *RoleKind.values) if role in roles), "")


def reportable_of(target) -> reportables.Reportable:
    try:
        return reportables.for_object(target)
    except KeyError:
        raise DomainError(_("Ceci ne peut pas être signalé.")) from None
