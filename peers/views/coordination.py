"""The coordinators' space: requests passed to them, volunteers on the path (check-in, then a
consent decision to confirm them), and the feedback pairings left. Holding a term opens it;
staff without one are refused like anyone else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from entraide.errors import DomainError, NotFound

from ..models import PairingRequest, Supporter
from ..permissions.coordination import check_coordinate
from ..readings import READINGS
from ..selectors import coordination as selectors
from ..services import decisions as decision_services
from ..services import path as path_services
from ..services import pairings as pairing_services


def _page(request, *, status=200, notice=""):
    programmes = check_coordinate(request.user)
    context = {
        "programmes": programmes, "notice": notice, "readings_count": len(READINGS),
        "passed_requests": selectors.passed_requests(programmes),
        "reports_waiting": selectors.reports_waiting(programmes),
        "volunteers": selectors.volunteers_on_the_path(programmes),
        "feedback": selectors.feedback_received(programmes),
    }
    return render(request, "peers/coordination.html", context, status=status)


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def coordination_home(request):
    return _page(request)


def _act(request, action, done):
    try:
        action()
    except DomainError as error:
        return _page(request, status=error.status, notice=error.message)
    messages.success(request, done)
    return redirect("peer_coordination")


def _passed_request(pk) -> PairingRequest:
    found = PairingRequest.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def _volunteer(pk) -> Supporter:
    found = Supporter.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


@login_required
@require_POST
def request_offer_again(request, pk):
    check_coordinate(request.user)
    pairing_request = _passed_request(pk)
    try:
        offer = pairing_services.request_offer_again(actor=request.user, request=pairing_request)
    except DomainError as error:
        return _page(request, status=error.status, notice=error.message)
    if offer is None:
        messages.warning(request, _("Personne ne convient encore : la demande reste avec la coordination."))
    else:
        messages.success(request, _("La demande est proposée à une ou un pair aidant·e ; la personne sera prévenue "
                                    "si elle ou il accepte."))
    return redirect("peer_coordination")


@login_required
@require_POST
def supporter_checkin(request, pk):
    check_coordinate(request.user)
    supporter = _volunteer(pk)
    return _act(request, lambda: path_services.checkin_record(actor=request.user, supporter=supporter),
                _("L'entretien est noté. Vous pouvez maintenant proposer de confirmer cette personne."))


@login_required
@require_POST
def supporter_confirmation_propose(request, pk):
    check_coordinate(request.user)
    supporter = _volunteer(pk)
    return _act(request, lambda: decision_services.supporter_confirmation_propose(actor=request.user,
                                                                                  supporter=supporter),
                _("La proposition est en consultation auprès des bénévoles du programme."))
