"""Roles, proposals and the moderation log of a group, for its members. Thin: check, call a
service, render.

Pages only read: the task worker settles the proposals whose consent window has closed
(moderation.tasks), and until it has, a page says that the decision is being recorded."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError
from entraide.forms.errors import first_error
from entraide.models import Membership
from entraide.permissions import check_member
from entraide.views.access import access_group

from .. import permissions, selectors
from ..forms import CharterProposalForm, CloseGroupProposalForm, FunctionsForm, HandOnForm, ObjectionForm, RoleForm
from ..models import Proposal, RoleHolding, RoleKind
from ..services.proposals import charter_change_propose, group_close_propose
from ..services.proposals import proposal_object as object_service
from ..services.proposals import proposal_withdraw as withdraw_service
from ..services.roles import group_functions_set
from ..services.roles import role_hand_on as hand_on_service
from ..services.roles import role_step_down as step_down_service
from ..services.roles import role_volunteer as volunteer_service

LOG_PAGE_SIZE = 50


def _members(request, slug):
    return access_group(request, slug, check=check_member)


def _roles_page(request, standing, *, status=200):
    group = standing.group
    context = {
        "group": group,
        "roles": selectors.roles_overview(standing),
        "can_set_functions": permissions.can_hold_a_role(standing),
        "enabled": permissions.enabled_roles(group),
    }
    if any(entry["mine"] for entry in context["roles"]):
        context["candidates"] = list(selectors.hand_on_candidates(standing))
    return render(request, "moderation/roles.html", context, status=status)


@login_required
@require_GET
def roles(request, slug):
    return _roles_page(request, _members(request, slug))


def _failed(request, standing, message, status):
    messages.error(request, message)
    return _roles_page(request, standing, status=status)


@login_required
@require_POST
def role_volunteer(request, slug):
    standing = _members(request, slug)
    group = standing.group
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _failed(request, standing, form.errors["role"][0], 400)
    try:
        outcome = volunteer_service(actor=request.user, group=group, role=form.cleaned_data["role"])
    except DomainError as error:
        return _failed(request, standing, error.message, error.status)
    label = RoleKind(form.cleaned_data["role"]).label
    if isinstance(outcome, RoleHolding):
        messages.success(request, _("Merci ! Vous êtes %(role)s jusqu'au %(date)s.") % {
            "role": label, "date": formats.date_format(outcome.ends_at, "DATE_FORMAT")})
    else:
        messages.success(request, _("Votre proposition est ouverte : sans objection, vous serez %(role)s le %(date)s.") % {
            "role": label, "date": formats.date_format(outcome.decides_at, "DATETIME_FORMAT")})
    return redirect("group_roles", slug=slug)


@login_required
@require_POST
def role_hand_on(request, slug):
    standing = _members(request, slug)
    group = standing.group
    form = HandOnForm(request.POST)
    if not form.is_valid():
        return _failed(request, standing, first_error(form), 400)
    try:
        # Refused before the member the form names is looked up (the service asks the same).
        permissions.check_hand_on_role(standing, form.cleaned_data["role"])
        membership = Membership.objects.filter(group=group, user_id=form.cleaned_data["to_member"]).select_related(
            "user").first()
        proposal = hand_on_service(actor=request.user, group=group, role=form.cleaned_data["role"],
                                   to_member=membership.user if membership else None)
    except DomainError as error:
        return _failed(request, standing, error.message, error.status)
    messages.success(request, _("Votre proposition est ouverte : sans objection, %(member)s sera %(role)s le %(date)s.") % {
        "member": proposal.target.display_name, "role": RoleKind(proposal.role).label,
        "date": formats.date_format(proposal.decides_at, "DATETIME_FORMAT")})
    return redirect("group_roles", slug=slug)


@login_required
@require_POST
def role_step_down(request, slug):
    standing = _members(request, slug)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _failed(request, standing, form.errors["role"][0], 400)
    try:
        step_down_service(actor=request.user, group=standing.group, role=form.cleaned_data["role"])
    except DomainError as error:
        return _failed(request, standing, error.message, error.status)
    messages.success(request, _("Vous avez quitté ce rôle. Merci pour le temps donné au groupe."))
    return redirect("group_roles", slug=slug)


@login_required
@require_POST
def functions_set(request, slug):
    standing = access_group(request, slug, check=permissions.check_hold_a_role)
    form = FunctionsForm(request.POST)
    form.is_valid()
    try:
        group_functions_set(actor=request.user, group=standing.group,
                            logistics=form.cleaned_data.get("logistics", False),
                            speakers=form.cleaned_data.get("speakers", False))
    except DomainError as error:
        return _failed(request, standing, error.message, error.status)
    messages.success(request, _("Les fonctions du groupe sont enregistrées."))
    return redirect("group_roles", slug=slug)


def _proposals_page(request, standing, *, failed=None, status=200):
    open_proposals, settled = selectors.proposals_for(standing)
    if failed and not any(proposal.objectable for proposal in [*open_proposals, *settled]
                          if proposal.pk == failed["pk"]):
        # The form is not on the page any more: say it at the top instead.
        messages.error(request, failed["error"])
    return render(request, "moderation/proposals.html", {
        "group": standing.group, "open_proposals": open_proposals, "settled": settled, "failed": failed or {},
        "can_propose": permissions.can_propose(standing), "can_propose_close": permissions.can_propose_close(standing),
    }, status=status)


@login_required
@require_GET
def proposals(request, slug):
    return _proposals_page(request, _members(request, slug))


@login_required
@require_http_methods(["GET", "POST"])
def charter_propose(request, slug):
    group = _members(request, slug).group
    if request.method == "GET":
        form = CharterProposalForm(initial={"charter_text": group.charter})
        return render(request, "moderation/charter_propose.html", {"group": group, "form": form})
    form = CharterProposalForm(request.POST)
    if form.is_valid():
        try:
            proposal = charter_change_propose(actor=request.user, group=group,
                                              charter_text=form.cleaned_data["charter_text"])
        except DomainError as error:
            form.add_error(None, error.message)
            return render(request, "moderation/charter_propose.html", {"group": group, "form": form},
                          status=error.status)
        messages.success(request, _("Votre proposition est ouverte : sans objection, la nouvelle charte "
                                    "s'appliquera le %(date)s.") % {
            "date": formats.date_format(proposal.decides_at, "DATETIME_FORMAT")})
        return redirect("group_proposals", slug=slug)
    return render(request, "moderation/charter_propose.html", {"group": group, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def close_propose(request, slug):
    """Ask the group, by consent, to stop: for its role holders; others are told why not."""
    group = access_group(request, slug, check=permissions.check_propose_close).group
    template = "moderation/close_propose.html"
    if request.method == "GET":
        return render(request, template, {"group": group, "form": CloseGroupProposalForm()})
    form = CloseGroupProposalForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"group": group, "form": form}, status=400)
    try:
        proposal = group_close_propose(actor=request.user, group=group, reason=form.cleaned_data["reason"])
    except DomainError as error:
        form.add_error(None, error.message)
        return render(request, template, {"group": group, "form": form}, status=error.status)
    messages.success(request, _("Votre proposition est ouverte : sans objection, le groupe s'arrêtera le "
                                "%(date)s.") % {"date": formats.date_format(proposal.decides_at, "DATETIME_FORMAT")})
    return redirect("group_proposals", slug=slug)


@login_required
@require_POST
def proposal_object(request, slug, pk):
    standing = _members(request, slug)
    proposal = get_object_or_404(Proposal, pk=pk, group=standing.group)
    form = ObjectionForm(request.POST)
    reason = request.POST.get("reason", "")[:4000]
    if not form.is_valid():
        failed = {"pk": proposal.pk, "reason": reason, "error": form.errors["reason"][0]}
        return _proposals_page(request, standing, failed=failed, status=400)
    try:
        object_service(actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
    except DomainError as error:
        failed = {"pk": proposal.pk, "reason": reason, "error": error.message}
        return _proposals_page(request, standing, failed=failed, status=error.status)
    messages.success(request, _("Votre objection est enregistrée : la proposition ne prendra pas effet."))
    return redirect("group_proposals", slug=slug)


@login_required
@require_POST
def proposal_withdraw(request, slug, pk):
    standing = _members(request, slug)
    proposal = get_object_or_404(Proposal, pk=pk, group=standing.group)
    try:
        withdraw_service(actor=request.user, proposal=proposal)
    except DomainError as error:
        messages.error(request, error.message)
        return _proposals_page(request, standing, status=error.status)
    messages.success(request, _("Votre proposition est retirée."))
    return redirect("group_proposals", slug=slug)


@login_required
@require_GET
def moderation_log(request, slug):
    group = _members(request, slug).group
    page = Paginator(selectors.log_entries(group), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"group": group, "page": page})
