"""Who sees the figures for funders: platform staff, every centre's and the platform's; a
centre's staff, their centre's and the platform's. Nobody else, whatever they hold in groups."""

from django.utils.translation import gettext_lazy as _

from entraide.errors import NotAllowed, allows

from ..models import CentreStaff

NOT_STAFF = _("Les chiffres pour les financeurs sont réservés à l'équipe des centres et de la plateforme.")
OTHER_CENTRE = _("Seules l'équipe de ce centre et celle de la plateforme voient ses chiffres.")


def check_see_figures(user, centre=None) -> None:
    """`centre` None: the whole platform's figures."""
    if not user.is_authenticated:
        raise NotAllowed(NOT_STAFF)
    if user.is_staff:
        return
    staffed = CentreStaff.objects.filter(member=user)
    if centre is None:
        if not staffed.exists():
            raise NotAllowed(NOT_STAFF)
    elif not staffed.filter(centre=centre).exists():
        raise NotAllowed(OTHER_CENTRE if staffed.exists() else NOT_STAFF)


can_see_figures = allows(check_see_figures)
