"""Who may do what with a centre: platform staff create centres and link their staff; a centre's
staff edit its page, its accompaniments and its external listings, and nobody else's."""

from django.utils.translation import gettext_lazy as _

from entraide.errors import NotAllowed, allows

from ..models import CentreStaff


def is_centre_staff(user, centre) -> bool:
    return bool(user.is_authenticated and CentreStaff.objects.filter(centre=centre, member=user).exists())


def check_create(user) -> None:
    if not (user.is_authenticated and user.is_staff):
        raise NotAllowed(_("Seule l'équipe de la plateforme peut créer un centre et y rattacher des personnes."))


def check_edit(user, centre) -> None:
    if not is_centre_staff(user, centre):
        raise NotAllowed(_("Seule l'équipe de ce centre peut modifier sa page et ses annonces."))


check_link_staff = check_create
can_create = allows(check_create)
can_edit = allows(check_edit)
