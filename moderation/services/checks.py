"""Small checks the moderation services share."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.errors import DomainError

from .. import reportables
from ..models import CORE_ROLES, REASON_MAX_LENGTH, RoleKind

# What several services say about what they were sent.
DECISION_NEEDS_A_REASON = gettext_lazy("Chaque décision a besoin d'une raison : écrivez-la en quelques mots.")
NOT_HIDEABLE = gettext_lazy("Ceci ne peut pas être masqué.")
UNKNOWN_ROLE = gettext_lazy("Ce rôle n'existe pas.")
CHOOSE_A_MEMBER = gettext_lazy("Choisissez un membre du groupe.")


def clean_reason(reason, message=None) -> str:
    """Every decision says why: an empty reason is refused with a message for the member."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(message or _("Dites en quelques mots pourquoi : le groupe pourra lire cette raison."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("La raison ne peut pas dépasser %(max)s caractères.") % {"max": REASON_MAX_LENGTH})
    return reason


def role_for_log(standing, preferred=RoleKind.MODERATOR) -> str:
    """Which of the actor's roles the log names: the one the action needs, else the first held."""
    if standing.holds(preferred):
        return preferred
    return next((role for role in (*CORE_ROLES, *RoleKind.values) if standing.holds(role)), "")


def reportable_of(target) -> reportables.Reportable:
    try:
        return reportables.for_object(target)
    except KeyError:
        raise DomainError(_("Ceci ne peut pas être signalé.")) from None
