"""Peer support's figures for funders (registry.funder_figures). A pairing and a listening-line
conversation belong to no region: they are counted for the whole platform only (None for a
centre's regions). A line conversation is erased 30 days after it ends; what was erased is kept as
a count per month (LineConversationTally), so that the figure does not fall with the erasure."""

from django.utils.translation import gettext_lazy

from entraide.selectors.figures import FunderFigure, count_by_month

from .models import LineConversation, LineConversationTally, Pairing


def pairings_started(*, regions, months):
    if regions is not None:
        return None
    return count_by_month(Pairing.objects.all(), "started_at", months)


def line_conversations(*, regions, months):
    """Conversations answered by a supporter, by the month of the knock: those still kept, and
    the tally of those erased (two queries)."""
    if regions is not None:
        return None
    counts = dict(count_by_month(LineConversation.objects.filter(answered_at__isnull=False), "knocked_at", months))
    erased = LineConversationTally.objects.filter(month__gte=months[0].starts.date(), month__lt=months[-1].ends.date())
    for month, count in erased.values_list("month", "erased"):
        key = month.strftime("%Y-%m")
        if key in counts:
            counts[key] += count
    return list(counts.items())


PAIRINGS = FunderFigure(gettext_lazy("Jumelages commencés, par mois"), pairings_started, by_month=True)
LINE_CONVERSATIONS = FunderFigure(gettext_lazy("Conversations de la ligne d'écoute, par mois"), line_conversations,
                                  by_month=True)
