"""Reports, the review queue, decisions about oneself, appeals, removals and the staff queue.
Thin: check, call a service, render. A page the member may not open is refused by its check
(the 403 page says why); a refused action re-renders its page with the message and the
status of the error, keeping what was typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide import permissions as group_permissions
from entraide.errors import DomainError
from entraide.forms.errors import first_error
from entraide.models import Membership
from entraide.permissions import check_member
from entraide.selectors.memberships import GroupNames
from entraide.views.access import access_group

from .. import permissions, reportables, selectors
from ..forms import AppealForm, DecisionForm, ReasonForm, RemovalProposalForm, ReportForm, SettleForm, WorryForm
from ..models import Appeal, DecisionAction, RemovalProposal, Report, ReportDecision
from ..services.appeals import appeal_file, appeal_settle
from ..services.content import content_hide, content_restore
from ..services.decisions import report_decide, staff_report_decide, warnings_mark_read
from ..services.removal import removal_cancel, removal_confirm, removal_propose
from ..services.reports import report_create, worry_raise
from .refusals import failed_form, say_if_form_gone

STAFF_ACTIONS = [choice for choice in DecisionAction.choices if choice[0] != DecisionAction.PROPOSE_REMOVAL]


# --- Reporting --------------------------------------------------------------------------------

def _target_in_group(group, kind, object_id):
    """The object a URL names, only if it belongs to this group: anything else is a 404."""
    target = reportables.resolve(kind, object_id)
    target_group = target and reportables.for_kind(kind).group_of(target)
    if target_group is None or target_group.pk != group.pk:
        raise Http404
    return reportables.for_kind(kind), target


@login_required
@require_http_methods(["GET", "POST"])
def report(request, slug, kind, object_id):
    group = access_group(request, slug, check=check_member).group
    reportable, target = _target_in_group(group, kind, object_id)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                report_create(actor=request.user, target=target, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Merci. Les modérateur·rices du groupe vont regarder ; la personne "
                                            "concernée ne saura pas qui a signalé."))
                return redirect(group.get_absolute_url())
    return render(request, "moderation/report_form.html", {
        "group": group, "form": form, "description": reportables.describe_object(target), "url": reportable.url_of(target),
        "kind": kind, "object_id": object_id,
    }, status=status)


@login_required
@require_POST
def worry(request, slug):
    group = access_group(request, slug, check=check_member).group
    form = WorryForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect(group.get_absolute_url())
    try:
        worry_raise(actor=request.user, group=group, note=form.cleaned_data["note"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(group.get_absolute_url())
    messages.success(request, _("Les pairs aidant·es du groupe sont prévenu·es : quelqu'un prendra de vos nouvelles. "
                                "Rien n'est envoyé en dehors du groupe."))
    return redirect(group.get_absolute_url())


# --- Hiding and restoring directly -----------------------------------------------------------

def _content_change(request, slug, kind, object_id, service, done):
    group = access_group(request, slug, check=permissions.check_moderate).group
    reportable, target = _target_in_group(group, kind, object_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect(reportable.url_of(target))
    try:
        service(actor=request.user, target=target, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(reportable.url_of(target))
    messages.success(request, done)
    return redirect(reportable.url_of(target))


@login_required
@require_POST
def hide(request, slug, kind, object_id):
    return _content_change(request, slug, kind, object_id, content_hide, _("Le contenu est masqué."))


@login_required
@require_POST
def restore(request, slug, kind, object_id):
    return _content_change(request, slug, kind, object_id, content_restore, _("Le contenu est rétabli."))


# --- The group's review queue ------------------------------------------------------------------

def _queue_page(request, group, *, failed=None, status=200):
    return render(request, "moderation/review_queue.html", {
        "group": group, "items": selectors.review_queue(group), "actions": DecisionAction.choices,
        "mute_days": DecisionForm.base_fields["mute_days"].choices[1:], "failed": failed or {},
    }, status=status)


@login_required
@require_GET
def review_queue(request, slug):
    return _queue_page(request, access_group(request, slug, check=permissions.check_moderate).group)


@login_required
@require_POST
def report_decide_view(request, slug, pk):
    group = access_group(request, slug, check=permissions.check_moderate).group
    report_ = get_object_or_404(Report, pk=pk, group=group)
    report_.group = group
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, group, failed=failed_form(pk, request, first_error(form)), status=400)
    try:
        report_decide(actor=request.user, report=report_, **form.cleaned_data)
    except DomainError as error:
        return _queue_page(request, group, failed=failed_form(pk, request, error.message), status=error.status)
    messages.success(request, _("La décision est enregistrée."))
    return redirect("group_review_queue", slug=slug)


# --- Decisions about me, and appeals ------------------------------------------------------------

def _my_decisions_page(request, standing, *, failed=None, status=200):
    group = standing.group
    decisions = selectors.decisions_about(standing)
    appealable = {decision.pk for decision in decisions if permissions.can_appeal(standing.user, decision)}
    say_if_form_gone(request, failed, appealable)
    return render(request, "moderation/my_decisions.html", {
        "group": group, "decisions": decisions, "failed": failed or {}, "appealable": appealable,
        # A removed member may still appeal, and reads the group under the name it had then.
        "group_name": GroupNames(standing.user)(group),
        "can_view_group": group_permissions.can_view_group(standing),
    }, status=status)


def _my_decisions_standing(request, slug):
    """Open to the group's members, and to those its role holders removed (they may appeal)."""
    return access_group(request, slug, check=permissions.check_view_my_decisions, as_removed=True)


@login_required
@require_GET
def my_decisions(request, slug):
    standing = _my_decisions_standing(request, slug)
    response = _my_decisions_page(request, standing)
    warnings_mark_read(actor=request.user, group=standing.group)
    return response


@login_required
@require_POST
def appeal(request, slug, pk):
    standing = _my_decisions_standing(request, slug)
    decision = get_object_or_404(ReportDecision, pk=pk, group=standing.group)
    form = AppealForm(request.POST)
    if not form.is_valid():
        return _my_decisions_page(request, standing, failed=failed_form(pk, request, first_error(form)), status=400)
    try:
        appeal_file(actor=request.user, decision=decision, reason=form.cleaned_data["reason"])
    except DomainError as error:
        return _my_decisions_page(request, standing, failed=failed_form(pk, request, error.message), status=error.status)
    messages.success(request, _("Votre recours est enregistré : un·e autre responsable du groupe va le trancher."))
    return redirect("group_my_decisions", slug=slug)


def _appeals_page(request, standing, *, failed=None, status=200):
    group = standing.group
    pending, settled = selectors.appeals_for(group)
    for item in pending:
        item.decision.group = group
    settleable = {item.pk for item in pending if permissions.can_settle_appeal(standing, item)}
    say_if_form_gone(request, failed, settleable)
    return render(request, "moderation/appeals.html", {
        "group": group, "pending": pending, "settled": settled, "failed": failed or {}, "settleable": settleable,
    }, status=status)


@login_required
@require_GET
def appeals(request, slug):
    return _appeals_page(request, access_group(request, slug, check=permissions.check_hold_a_role))


@login_required
@require_POST
def appeal_settle_view(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_hold_a_role)
    group = standing.group
    appeal_ = get_object_or_404(Appeal, pk=pk, decision__group=group)
    form = SettleForm(request.POST)
    if not form.is_valid():
        return _appeals_page(request, standing, failed=failed_form(pk, request, first_error(form)), status=400)
    try:
        appeal_settle(actor=request.user, appeal=appeal_, uphold=form.cleaned_data["outcome"] == "uphold",
                      reason=form.cleaned_data["reason"])
    except DomainError as error:
        return _appeals_page(request, standing, failed=failed_form(pk, request, error.message), status=error.status)
    messages.success(request, _("Le recours est tranché."))
    return redirect("group_appeals", slug=slug)


# --- Removals ----------------------------------------------------------------------------------

def _removals_page(request, standing, *, failed=None, status=200):
    pending, settled = selectors.removals_for(standing.group)
    confirmable = {proposal.pk for proposal in pending if permissions.can_confirm_removal(
        standing, proposed_by=proposal.proposed_by, member=proposal.member)}
    cancellable = {proposal.pk for proposal in pending if permissions.can_cancel_removal(standing, proposal)}
    say_if_form_gone(request, failed, {"new", *(proposal.pk for proposal in pending)})
    return render(request, "moderation/removals.html", {
        "group": standing.group, "pending": pending, "settled": settled, "failed": failed or {},
        "candidates": selectors.removal_candidates(standing), "confirmable": confirmable, "cancellable": cancellable,
    }, status=status)


def _removals_standing(request, slug):
    """The role holders, who propose, confirm and cancel removals."""
    return access_group(request, slug, check=permissions.check_hold_a_role)


@login_required
@require_GET
def removals(request, slug):
    return _removals_page(request, _removals_standing(request, slug))


@login_required
@require_POST
def removal_propose_view(request, slug):
    standing = _removals_standing(request, slug)
    group = standing.group
    form = RemovalProposalForm(request.POST)
    if not form.is_valid():
        return _removals_page(request, standing, failed=failed_form("new", request, first_error(form)), status=400)
    membership = Membership.objects.filter(group=group, user_id=form.cleaned_data["member"]).select_related(
        "user").first()
    try:
        removal_propose(actor=request.user, group=group, member=membership.user if membership else None,
                        reason=form.cleaned_data["reason"])
    except DomainError as error:
        return _removals_page(request, standing, failed=failed_form("new", request, error.message), status=error.status)
    messages.success(request, _("L'exclusion est proposée : elle attend la confirmation d'un·e autre responsable."))
    return redirect("group_removals", slug=slug)


def _removal_settle(request, slug, pk, service, done):
    standing = _removals_standing(request, slug)
    group = standing.group
    proposal = get_object_or_404(RemovalProposal, pk=pk, group=group)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _removals_page(request, standing, failed=failed_form(pk, request, first_error(form)), status=400)
    try:
        service(actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
    except DomainError as error:
        return _removals_page(request, standing, failed=failed_form(pk, request, error.message), status=error.status)
    messages.success(request, done)
    return redirect("group_removals", slug=slug)


@login_required
@require_POST
def removal_confirm_view(request, slug, pk):
    return _removal_settle(request, slug, pk, removal_confirm, _("L'exclusion est confirmée."))


@login_required
@require_POST
def removal_cancel_view(request, slug, pk):
    return _removal_settle(request, slug, pk, removal_cancel, _("La proposition d'exclusion est annulée."))


# --- The platform staff's queue ---------------------------------------------------------------

def _staff_page(request, *, failed=None, status=200):
    return render(request, "moderation/staff_queue.html", {
        "items": selectors.staff_queue(), "actions": STAFF_ACTIONS,
        "mute_days": DecisionForm.base_fields["mute_days"].choices[1:], "failed": failed or {},
    }, status=status)


@login_required
@require_GET
def staff_queue(request):
    permissions.check_use_staff_queue(request.user)
    return _staff_page(request)


@login_required
@require_POST
def staff_decide(request, pk):
    permissions.check_use_staff_queue(request.user)
    report_ = get_object_or_404(Report.objects.select_related("group"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _staff_page(request, failed=failed_form(pk, request, first_error(form)), status=400)
    try:
        staff_report_decide(actor=request.user, report=report_, **form.cleaned_data)
    except DomainError as error:
        return _staff_page(request, failed=failed_form(pk, request, error.message), status=error.status)
    messages.success(request, _("La décision est enregistrée et inscrite au journal du groupe."))
    return redirect("staff_queue")
