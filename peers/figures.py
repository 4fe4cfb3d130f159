"""Peer support's figures for funders (registry.funder_figures). A pairing and a listening-line
conversation belong to no region: they are counted for the whole platform only (None for a
centre's regions). A line conversation is erased 30 days after it ends (peers.models.line), and
what is erased is no longer counted: the page says so."""

from django.utils.translation import gettext_lazy

from entraide.selectors.figures import FunderFigure, count_by_month

from .models import LineConversation, Pairing


def pairings_started(*, regions, months):
    if regions is not None:
        return None
    return count_by_month(Pairing.objects.all(), "started_at", months)


def line_conversations(*, regions, months):
    """Conversations answered by a supporter, by the month of the knock."""
    if regions is not None:
        return None
    return count_by_month(LineConversation.objects.filter(answered_at__isnull=False), "knocked_at", months)


PAIRINGS = FunderFigure(gettext_lazy("Jumelages commencés, par mois"), pairings_started, by_month=True)
LINE_CONVERSATIONS = FunderFigure(gettext_lazy("Conversations de la ligne d'écoute, par mois"), line_conversations,
                                  by_month=True, note=gettext_lazy(
                                      "Une conversation est effacée 30 jours après sa fin : seules celles qui "
                                      "sont encore gardées sont comptées."))
