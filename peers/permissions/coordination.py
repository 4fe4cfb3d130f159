"""Who reaches the coordinators' space: whoever holds a coordinator term now, staff or not."""

from django.utils.translation import gettext_lazy as _

from entraide.errors import NotAllowed, allows
from entraide.permissions import check_signed_in

from ..selectors.coordination import programmes_coordinated


def check_coordinate(actor, now=None) -> list:
    """The programmes the member coordinates now; a refusal for everyone else, staff included."""
    check_signed_in(actor)
    programmes = programmes_coordinated(actor, now)
    if not programmes:
        raise NotAllowed(_("Cette page est celle de la coordination du programme : elle s'ouvre avec un mandat de "
                           "coordination."))
    return programmes


can_coordinate = allows(check_coordinate)
