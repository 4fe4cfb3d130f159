"""A pairing, as its two people see it once both accepted: who the other is, a way to write,
calls in a room of its own, and an end that needs no reason. Anyone else finds nothing."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from entraide.errors import DomainError
from meetings import jitsi
from moderation.selectors.reports import pending_reports_by
from moderation.services.reports import report_create

from .. import permissions
from ..forms.pairings import CallForm, EndPairingForm
from ..forms.reports import PeerReportForm
from ..selectors import calls as call_selectors
from ..selectors import requests as selectors
from ..services import calls as call_services
from ..services import pairings as services
from ..services.feedback import pairing_feedback_give


def _pairing_page(request, pairing, *, status=200, end_form=None, call_form=None, notice="", report_form=None):
    now, member = timezone.now(), request.user
    calls = call_selectors.upcoming_calls(member, pairing, now)
    rooms = {call.pk: call_selectors.call_join(member, call, now)
             for call in calls if permissions.can_join_call(member, call, now)}
    context = {
        "pairing": pairing, "other": selectors.other_side(pairing, member),
        "i_support": pairing.supporter.member_id == member.pk,
        "calls": [(call, rooms.get(call.pk), permissions.can_cancel_call(member, call, now)) for call in calls],
        "can_end": permissions.can_end_pairing(member, pairing),
        "end_form": end_form or EndPairingForm(),
        "call_form": call_form or CallForm(time_zone=member.time_zone),
        "notice": notice, "time_zone": member.time_zone,
        "reported": pending_reports_by(member, pairing).exists(),
        "report_form": report_form or PeerReportForm(),
    }
    context["can_report"] = not context["reported"]
    response = render(request, "peers/pairing_detail.html", context, status=status)
    if any(room.embed for room in rooms.values()):
        origin = jitsi.origin()
        response._csp_update = {"script-src": [origin], "frame-src": [origin]}
    return response


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def pairing_detail(request, pk):
    return _pairing_page(request, selectors.pairing_for(request.user, pk))


@login_required
@require_POST
def pairing_end(request, pk):
    """Ended with no reason asked; the optional word goes to the coordinators alone."""
    pairing = selectors.pairing_for(request.user, pk)
    form = EndPairingForm(request.POST)
    if not form.is_valid():
        return _pairing_page(request, pairing, status=400, end_form=form)
    try:
        services.pairing_end(actor=request.user, pairing=pairing)
    except DomainError as error:
        return _pairing_page(request, pairing, status=error.status, end_form=form, notice=error.message)
    if form.cleaned_data["feedback"]:
        try:
            pairing_feedback_give(actor=request.user, pairing=pairing, body=form.cleaned_data["feedback"])
        except DomainError as error:
            messages.warning(request, error.message)
    if pairing.request.requester_id != request.user.pk:
        messages.success(request, _("Le jumelage est terminé. Merci pour ce temps donné."))
        return redirect("peer_supporter")
    messages.success(request, _("Le jumelage est terminé. Si vous le souhaitez, vous pouvez demander une autre "
                                "personne : rien ne vous est demandé."))
    asked = pairing.request
    again = urlencode({"theme": asked.theme.code, "language": asked.language, "format": asked.format})
    return redirect(f"{reverse('peer_request_new')}?{again}")


@login_required
@require_POST
def pairing_call_schedule(request, pk):
    pairing = selectors.pairing_for(request.user, pk)
    form = CallForm(request.POST, time_zone=request.user.time_zone)
    if not form.is_valid():
        return _pairing_page(request, pairing, status=400, call_form=form)
    try:
        call_services.call_schedule(actor=request.user, pairing=pairing, **form.cleaned_data)
    except DomainError as error:
        form.add_error(None, error.message)
        # An ended pairing shows no form: the message then stands at the top.
        return _pairing_page(request, pairing, status=error.status, call_form=form,
                             notice=error.message if pairing.ended_at else "")
    messages.success(request, _("L'appel est prévu ; l'autre personne est prévenue."))
    return redirect("peer_pairing", pairing.pk)


@login_required
@require_POST
def pairing_call_cancel(request, pk):
    call = call_selectors.call_for(request.user, pk)
    try:
        call_services.call_cancel(actor=request.user, call=call)
    except DomainError as error:
        return _pairing_page(request, selectors.pairing_for(request.user, call.pairing_id), status=error.status,
                             notice=error.message)
    messages.success(request, _("L'appel est annulé ; l'autre personne est prévenue."))
    return redirect("peer_pairing", call.pairing_id)


@login_required
@require_POST
def pairing_report(request, pk):
    """Either of the two reports it to the programme's coordinators (peers.reporting), ended
    or not; the other is told nothing."""
    pairing = selectors.pairing_for(request.user, pk)
    form = PeerReportForm(request.POST)
    if not form.is_valid():
        return _pairing_page(request, pairing, status=400, report_form=form)
    try:
        report_create(actor=request.user, target=pairing, **form.cleaned_data)
    except DomainError as error:
        return _pairing_page(request, pairing, status=error.status, report_form=form, notice=error.message)
    messages.success(request, _("Merci. La coordination du programme va regarder ; l'autre personne n'en est pas "
                                "informée."))
    return redirect("peer_pairing", pk=pk)
