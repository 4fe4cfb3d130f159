"""A member's requests for a peer: ask, follow, confirm the supporter who accepted, withdraw.
Thin: a selector finds what is the member's own (anything else is a 404), a form validates, a
service decides; a refusal comes back on the page with its message and its 4xx status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import Conflict, DomainError
from ..forms.pairings import PairingRequestForm
from ..models import RequestStatus
from ..selectors import requests as selectors
from ..services import pairings as services
from .signposts import crisis_lines


def _form_page(request, form, *, status=200):
    return render(request, "peers/request_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    time_zone = request.user.time_zone
    if request.method == "GET":
        # After a pairing ends, the page opens with what the member asked for then.
        initial = {"language": request.LANGUAGE_CODE,
                   **{key: request.GET[key] for key in ("theme", "language", "format") if key in request.GET}}
        return _form_page(request, PairingRequestForm(time_zone=time_zone, initial=initial))
    form = PairingRequestForm(request.POST, time_zone=time_zone)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    try:
        pairing_request = services.request_open(actor=request.user, **form.cleaned_data)
    except DomainError as error:
        form.add_error(None, error.message)
        return _form_page(request, form, status=error.status)
    messages.success(request, _("Votre demande est enregistrée. Vous serez prévenu·e dès qu'une ou un pair aidant·e l'accepte."))
    return redirect("peer_request", pairing_request.pk)


def _request_page(request, pairing_request, *, status=200, refusal=""):
    context = {
        "pairing_request": pairing_request,
        "accepted_offer": selectors.accepted_offer(pairing_request),
        "pairing": getattr(pairing_request, "pairing", None) if pairing_request.status == RequestStatus.PAIRED else None,
        "refusal": refusal,
        "crisis_lines": crisis_lines(request) if pairing_request.status == RequestStatus.PASSED else [],
    }
    return render(request, "peers/request_detail.html", context, status=status)


@login_required
@require_GET
def request_detail(request, pk):
    return _request_page(request, selectors.request_for(request.user, pk))


@login_required
@require_POST
def request_confirm(request, pk):
    """The requester accepts the supporter who accepted them: the pairing begins."""
    pairing_request = selectors.request_for(request.user, pk)
    offer = selectors.accepted_offer(pairing_request)
    try:
        if offer is None:
            raise Conflict(_("Ce jumelage n'attend plus votre confirmation."))
        pairing = services.offer_confirm(actor=request.user, offer=offer)
    except DomainError as error:
        return _request_page(request, pairing_request, status=error.status, refusal=error.message)
    messages.success(request, _("Le jumelage commence : vous pouvez maintenant vous écrire."))
    return redirect("peer_pairing", pairing.pk)


@login_required
@require_POST
def request_withdraw(request, pk):
    pairing_request = selectors.request_for(request.user, pk)
    try:
        services.request_withdraw(actor=request.user, request=pairing_request)
    except DomainError as error:
        return _request_page(request, pairing_request, status=error.status, refusal=error.message)
    messages.success(request, _("Votre demande est retirée. Vous pouvez en faire une autre quand vous voulez."))
    return redirect("peer_home")
