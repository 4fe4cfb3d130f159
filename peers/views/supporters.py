"""The supporter's own space: volunteering, the path to confirmation, requests offered to them,
the pairings they hold, and a pause that stops every offer at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.errors import DomainError
from entraide.models import Sector

from ..forms.pairings import SupporterForm
from ..permissions.coordination import can_coordinate
from ..readings import READINGS
from ..selectors import requests as selectors
from ..services import supporters as services


def _page(request, *, form=None, status=200, refusal=""):
    supporter = selectors.supporter_of(request.user)
    context = {"supporter": supporter, "refusal": refusal}
    if supporter is None:
        context.update(form=form or SupporterForm(initial={"languages": [request.LANGUAGE_CODE]}),
                       sectors=Sector.objects.prefetch_related("themes"), time_zone=request.user.time_zone)
    else:
        context.update(offers=selectors.offers_waiting(supporter), readings_count=len(READINGS),
                       confirmation_open=supporter.confirmation_proposals.filter(status="open").exists(),
                       coordinates=can_coordinate(request.user),
                       pairings=[pairing for pairing in selectors.pairings_of(request.user)
                                 if pairing.supporter_id == supporter.pk])
    return render(request, "peers/supporter.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def supporter_home(request):
    if request.method == "GET":
        return _page(request)
    form = SupporterForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        services.supporter_volunteer(actor=request.user, **form.service_arguments())
    except DomainError as error:
        form.add_error(None, error.message)
        return _page(request, form=form, status=error.status, refusal=error.message)
    messages.success(request, _("Merci de proposer votre soutien. Voici le chemin avant un premier jumelage."))
    return redirect("peer_supporter")


def _set_pause(request, service, done):
    try:
        service(actor=request.user)
    except DomainError as error:
        return _page(request, status=error.status, refusal=error.message)
    messages.success(request, done)
    return redirect("peer_supporter")


@login_required
@require_POST
def supporter_pause(request):
    return _set_pause(request, services.supporter_pause,
                      _("Vous êtes en pause : aucune demande ne vous sera proposée jusqu'à votre retour."))


@login_required
@require_POST
def supporter_resume(request):
    return _set_pause(request, services.supporter_resume, _("Bon retour : les demandes peuvent à nouveau vous être proposées."))
