"""A programme's own page, for those who take part in it (its coordinators and confirmed
supporters): its guidelines and its consent decisions. A proposal takes effect when its window
closes unless someone objects, as in groups."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from entraide.errors import DomainError, NotFound

from ..forms.programmes import GuidelinesForm, ObjectionForm
from ..models import Programme, ProgrammeProposal
from ..permissions.decisions import can_object_proposal, can_withdraw_proposal, check_take_part
from ..services import decisions as services


def _programme(language) -> Programme:
    found = Programme.objects.filter(language=language).first()
    if found is None:
        raise NotFound()
    return found


def _page(request, programme, *, status=200, form=None, notice=""):
    check_take_part(request.user, programme)
    proposals = list(programme.proposals.select_related("proposer", "supporter__member")
                     .prefetch_related("objections__member")[:30])
    context = {
        "programme": programme, "notice": notice,
        "proposals": [(proposal, can_object_proposal(request.user, proposal), can_withdraw_proposal(request.user, proposal))
                      for proposal in proposals],
        "form": form or GuidelinesForm(initial={"guidelines_text": programme.guidelines}),
        "objection_form": ObjectionForm(),
    }
    return render(request, "peers/programme.html", context, status=status)


@login_required
@require_GET
def programme_detail(request, language):
    return _page(request, _programme(language))


@login_required
@require_POST
def guidelines_propose(request, language):
    programme = _programme(language)
    form = GuidelinesForm(request.POST)
    if not form.is_valid():
        return _page(request, programme, status=400, form=form)
    try:
        services.guidelines_change_propose(actor=request.user, programme=programme,
                                           guidelines_text=form.cleaned_data["guidelines_text"])
    except DomainError as error:
        form.add_error(None, error.message)
        return _page(request, programme, status=error.status, form=form)
    messages.success(request, _("Votre proposition est en consultation : elle prend effet dans 48 heures si "
                                "personne n'y objecte."))
    return redirect("peer_programme", programme.language)


def _proposal(pk) -> ProgrammeProposal:
    found = ProgrammeProposal.objects.select_related("programme").filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


@login_required
@require_POST
def proposal_object(request, pk):
    proposal = _proposal(pk)
    form = ObjectionForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(form.errors["reason"][0])
        services.programme_proposal_object(actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
    except DomainError as error:
        return _page(request, proposal.programme, status=error.status, notice=error.message)
    messages.success(request, _("Votre objection est notée : la proposition ne prend pas effet."))
    return redirect("peer_programme", proposal.programme.language)


@login_required
@require_POST
def proposal_withdraw(request, pk):
    proposal = _proposal(pk)
    try:
        services.programme_proposal_withdraw(actor=request.user, proposal=proposal)
    except DomainError as error:
        return _page(request, proposal.programme, status=error.status, notice=error.message)
    messages.success(request, _("Votre proposition est retirée."))
    return redirect("peer_programme", proposal.programme.language)
