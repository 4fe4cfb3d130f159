"""Who may do what about group starters: `check_<verb>` raises the member's message,
`can_<verb>` answers templates."""

from django.utils.translation import gettext_lazy as _

from entraide.errors import Conflict, NotAllowed, allows
from entraide.permissions import check_enter, check_signed_in
from entraide.standing import Standing

from ..models import NEW_GROUP_AGE

NOT_EXPERIENCED = _("Pour accompagner un nouveau groupe, il faut avoir tenu des rôles pendant six mois au moins, "
                    "dans un ou plusieurs groupes.")
ALREADY_VOLUNTEER = _("Vous êtes déjà inscrit·e comme accompagnant·e de lancement.")
NOT_A_VOLUNTEER = _("Vous n'êtes pas inscrit·e comme accompagnant·e de lancement.")
HOLDERS_ASK = _("Seules les personnes qui tiennent un rôle dans le groupe peuvent demander un·e accompagnant·e.")
GROUP_TOO_OLD = _("Un·e accompagnant·e de lancement se demande pendant les trois premiers mois d'un groupe.")
ALREADY_ASKED = _("Le groupe a déjà une demande en attente.")
ALREADY_ACCOMPANIED = _("Le groupe est déjà accompagné.")
REQUEST_SETTLED = _("Cette demande n'est plus en attente.")
LANGUAGE_NOT_OFFERED = _("Vous ne proposez aucune des langues de ce groupe.")


def check_volunteer_starter(actor, *, experienced: bool, already: bool) -> None:
    check_signed_in(actor)
    if already:
        raise Conflict(ALREADY_VOLUNTEER)
    if not experienced:
        raise NotAllowed(NOT_EXPERIENCED)


def check_withdraw_starter(actor, *, volunteer) -> None:
    check_signed_in(actor)
    if volunteer is None:
        raise Conflict(NOT_A_VOLUNTEER)


def check_ask_starter(standing: Standing, *, now, open_request=None, current=None) -> None:
    """A role holder of a group under three months old, one request at a time."""
    if not (standing.is_member and standing.holds_any_role):
        raise NotAllowed(HOLDERS_ASK)
    if standing.group.created_at <= now - NEW_GROUP_AGE:
        raise NotAllowed(GROUP_TOO_OLD)
    if open_request is not None:
        raise Conflict(ALREADY_ASKED)
    if current is not None:
        raise Conflict(ALREADY_ACCOMPANIED)


def check_take_starter_request(standing: Standing, *, volunteer, experienced: bool, speaks: bool, request,
                               current=None) -> None:
    """An experienced volunteer offering one of the group's languages, not in it yet."""
    check_signed_in(standing.user)
    if volunteer is None:
        raise NotAllowed(NOT_A_VOLUNTEER)
    if not experienced:
        raise NotAllowed(NOT_EXPERIENCED)
    if request.status != "open" or current is not None:
        raise Conflict(REQUEST_SETTLED)
    if not speaks:
        raise NotAllowed(LANGUAGE_NOT_OFFERED)
    check_enter(standing)
    if standing.is_member:
        raise Conflict(REQUEST_SETTLED)


can_volunteer_starter = allows(check_volunteer_starter)
can_ask_starter = allows(check_ask_starter)
