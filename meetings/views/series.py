"""The group's meetings page and its series: create, edit, end, a new room name. Thin: open the
group (access_group), validate with a form, call a selector or a service, render. A refused
form comes back with what was typed and the service's message, with its 4xx status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError, NotFound
from entraide.views.access import access_group

from .. import permissions
from ..forms import SeriesForm
from ..models import MeetingSeries
from ..selectors import occurrences as occurrence_selectors
from ..selectors import series as series_selectors
from ..services import series as series_services


@require_GET
def meeting_list(request, slug):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    context = {
        "group": standing.group,
        "occurrences": occurrence_selectors.coming_in_group(standing),
        "series_list": series_selectors.live_series(standing),
        "can_create_series": permissions.can_create_series(standing),
    }
    return render(request, "meetings/meeting_list.html", context)


def _series_in(standing, pk) -> MeetingSeries:
    try:
        return MeetingSeries.objects.get(pk=pk, group=standing.group)
    except MeetingSeries.DoesNotExist:
        raise NotFound() from None


def _form_page(request, group, form, *, series=None, status=200):
    return render(request, "meetings/series_form.html", {"group": group, "form": form, "series": series},
                  status=status)


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request, slug):
    standing = access_group(request, slug, check=permissions.check_create_series)
    group = standing.group
    if request.method == "GET":
        return _form_page(request, group, SeriesForm())
    form = SeriesForm(request.POST)
    if not form.is_valid():
        return _form_page(request, group, form, status=400)
    try:
        series = series_services.series_create(actor=request.user, group=group, **form.service_arguments())
    except DomainError as error:
        form.add_error(None, error.message)
        return _form_page(request, group, form, status=error.status)
    messages.success(request, _("La série de rencontres « %(title)s » est créée.") % {"title": series.title})
    return redirect("meeting_list", group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    series = _series_in(standing, pk)
    permissions.check_plan(standing, series)
    group = standing.group
    if request.method == "GET":
        return _form_page(request, group, SeriesForm.for_series(series), series=series)
    form = SeriesForm(request.POST)
    if not form.is_valid():
        return _form_page(request, group, form, series=series, status=400)
    try:
        series_services.series_update(actor=request.user, series=series, **form.service_arguments())
    except DomainError as error:
        form.add_error(None, error.message)
        return _form_page(request, group, form, series=series, status=error.status)
    messages.success(request, _("La série de rencontres est modifiée ; les calendriers abonnés suivront."))
    return redirect("meeting_list", group.slug)


@login_required
@require_POST
def series_end(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    series = _series_in(standing, pk)
    series_services.series_end(actor=request.user, series=series)
    messages.success(request, _("La série de rencontres est terminée ; les rencontres à venir sont annulées."))
    return redirect("meeting_list", standing.group.slug)


@login_required
@require_POST
def series_room_rotate(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    series = _series_in(standing, pk)
    series_services.series_room_rotate(actor=request.user, series=series)
    messages.success(request, _("La salle a un nouveau nom : l'ancien lien ne mène plus nulle part."))
    return redirect("meeting_list", standing.group.slug)
