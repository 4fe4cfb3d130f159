"""The meetings' figure for funders (registry.funder_figures): meetings held each month."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from entraide.selectors.figures import FunderFigure, count_by_month

from .models import Occurrence


def meetings_held(*, regions, months):
    """Meetings that took place (begun, not cancelled), by the month they began: one query."""
    held = Occurrence.objects.filter(cancelled_at__isnull=True, starts_at__lte=timezone.now())
    if regions is not None:
        held = held.filter(series__group__region__in=regions)
    return count_by_month(held, "starts_at", months)


MEETINGS_HELD = FunderFigure(gettext_lazy("Rencontres tenues, par mois"), meetings_held, by_month=True)
