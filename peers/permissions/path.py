"""Who may move a volunteer along their path: the volunteer marks readings, a coordinator of one
of their languages records the check-in."""

from django.utils.translation import gettext_lazy as _

from entraide.errors import Conflict, DomainError, NotAllowed, allows

from ..readings import READING_CODES, all_read
from ..selectors.coordinators import programme_coordinated_for

NOT_A_SUPPORTER = _("Vous n'êtes pas inscrit·e comme pair aidant·e.")


def check_mark_reading(actor, supporter, code) -> None:
    """`supporter` is the actor's own profile, or None."""
    if supporter is None or not actor.is_authenticated:
        raise Conflict(NOT_A_SUPPORTER)
    if code not in READING_CODES:
        raise DomainError(_("Cette lecture n'existe pas."))


def check_record_checkin(actor, supporter, *, now=None) -> None:
    if supporter.member_id == actor.pk:
        raise NotAllowed(_("Votre entretien est enregistré par une autre personne de la coordination."))
    if programme_coordinated_for(actor, supporter, now) is None:
        raise NotAllowed(_("Seule la coordination d'un programme dans une langue que propose cette personne "
                           "peut enregistrer son entretien."))
    if supporter.checked_in_at:
        raise Conflict(_("L'entretien de cette personne est déjà enregistré."))
    if not all_read(supporter.readings_done):
        raise Conflict(_("Cette personne n'a pas encore terminé toutes les lectures : l'entretien vient après."))


can_record_checkin = allows(check_record_checkin)
