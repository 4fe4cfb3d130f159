"""The figures for funders, as a page of charts and tables and as one CSV per figure."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..charts import bar_chart
from ..models import Centre
from ..permissions.figures import check_see_figures
from ..selectors.figures import funder_figure, funder_figures

# A spreadsheet runs a cell that begins so as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _centre(pk):
    return None if pk is None else get_object_or_404(Centre, pk=pk)


@login_required
@require_GET
def figures(request, pk=None):
    centre = _centre(pk)
    check_see_figures(request.user, centre)
    shown = [{"figure": figure, "chart": bar_chart(figure, chart_id=f"chart-{figure.name}")}
             for figure in funder_figures(centre=centre)]
    return render(request, "centres/figures.html", {"centre": centre, "figures": shown})


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@login_required
@require_GET
def figure_csv(request, name, pk=None):
    centre = _centre(pk)
    check_see_figures(request.user, centre)
    figure = funder_figure(name, centre=centre)
    if figure is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    scope = f"centre-{centre.pk}" if centre else "plateforme"
    response["Content-Disposition"] = f'attachment; filename="{scope}-{figure.name}.csv"'
    writer = csv.writer(response)
    writer.writerow([_cell(figure.title), _("Nombre")])
    for row in figure.rows:
        writer.writerow([_cell(row.label), row.shown])
    return response
