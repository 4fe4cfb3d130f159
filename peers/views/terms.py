"""Coordinator terms: centre staff grant the first ones (their one power over a programme), then
the programme's coordinators grant the next as the role rotates."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.errors import DomainError, NotAllowed

from ..forms.programmes import TermForm
from ..models import CoordinatorTerm, Programme
from ..selectors.coordination import programmes_coordinated
from ..services.coordinators import coordinator_term_grant


def _programmes_for(member) -> list:
    """Staff see every programme; a coordinator, those they coordinate."""
    if member.is_staff:
        return list(Programme.objects.order_by("language"))
    return programmes_coordinated(member)


def _page(request, programmes, form, status=200):
    terms = (CoordinatorTerm.objects.filter(programme__in=programmes, ends_at__gt=timezone.now())
             .select_related("member", "programme").order_by("programme__language", "starts_at"))
    return render(request, "peers/terms.html", {"form": form, "terms": terms}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def coordinator_terms(request):
    programmes = _programmes_for(request.user)
    if not programmes:
        raise NotAllowed(_("Les mandats de coordination sont attribués par le personnel du centre et par la "
                           "coordination du programme."))
    if request.method == "GET":
        return _page(request, programmes, TermForm())
    form = TermForm(request.POST)
    if not form.is_valid():
        return _page(request, programmes, form, status=400)
    data, zone = form.cleaned_data, ZoneInfo(request.user.time_zone)
    programme = Programme.objects.get(language=data["language"])
    try:
        coordinator_term_grant(
            actor=request.user, programme=programme, member=data["pseudonym"],
            starts_at=datetime.combine(data["starts_on"], time(0), tzinfo=zone),
            ends_at=datetime.combine(data["ends_on"], time(0), tzinfo=zone))
    except DomainError as error:
        form.add_error(None, error.message)
        return _page(request, programmes, form, status=error.status)
    messages.success(request, _("Le mandat de coordination est attribué."))
    return redirect("peer_coordinator_terms")
