"""Moderation outside a group (moderation.scopes): the scope's moderators' page, with its
reports, appeals and log, and the page where a member reads what was decided about them there
and may appeal. Thin: check, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from entraide.errors import DomainError
from entraide.forms.errors import first_error
from entraide.permissions import check_signed_in

from .. import permissions, scopes, selectors
from ..forms import AppealForm, DecisionForm, SettleForm
from ..models import Appeal, DecisionAction, Report, ReportDecision
from ..services.appeals import appeal_file, appeal_settle
from ..services.decisions import GROUP_ONLY_ACTIONS, report_decide, warnings_mark_read
from .refusals import failed_form, say_if_form_gone

SCOPE_ACTIONS = [choice for choice in DecisionAction.choices if choice[0] not in GROUP_ONLY_ACTIONS]
LOG_SHOWN = 30


def _moderated(request, scope, key):
    """The scope a URL names, once the actor is one of its moderators now."""
    found = scopes.for_name(scope)
    found.check_moderate(request.user, key)
    return found


def _queue_page(request, found, key, *, failed=None, status=200):
    items = selectors.scope_review_queue(found.name, key)
    pending, settled = selectors.scope_appeals_for(found.name, key)
    settleable = {appeal.pk for appeal in pending if permissions.can_settle_appeal_by(request.user, appeal)}
    say_if_form_gone(request, failed, {*settleable, *(item["report"].pk for item in items)})
    return render(request, "moderation/scope_queue.html", {
        "scope": found.name, "key": key, "label": found.label(key), "home_url": found.home_url(key),
        "items": items, "actions": SCOPE_ACTIONS, "mute_days": None,
        "pending": pending, "settled": settled, "settleable": settleable, "failed": failed or {},
        "log": selectors.scope_log_entries(found.name, key)[:LOG_SHOWN], "in_scope": True,
    }, status=status)


@login_required
@require_GET
def scope_queue(request, scope, key):
    return _queue_page(request, _moderated(request, scope, key), key)


@login_required
@require_POST
def scope_report_decide(request, scope, key, pk):
    found = _moderated(request, scope, key)
    report = get_object_or_404(Report, pk=pk, group=None, scope=found.name, scope_key=key)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, found, key, failed=failed_form(pk, request, first_error(form)), status=400)
    try:
        report_decide(actor=request.user, report=report, **form.cleaned_data)
    except DomainError as error:
        return _queue_page(request, found, key, failed=failed_form(pk, request, error.message), status=error.status)
    messages.success(request, _("La décision est enregistrée."))
    return redirect("scope_queue", scope=scope, key=key)


@login_required
@require_POST
def scope_appeal_settle(request, scope, key, pk):
    found = _moderated(request, scope, key)
    appeal = get_object_or_404(Appeal, pk=pk, decision__group=None, decision__scope=found.name,
                               decision__scope_key=key)
    form = SettleForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, found, key, failed=failed_form(pk, request, first_error(form)), status=400)
    try:
        appeal_settle(actor=request.user, appeal=appeal, uphold=form.cleaned_data["outcome"] == "uphold",
                      reason=form.cleaned_data["reason"])
    except DomainError as error:
        return _queue_page(request, found, key, failed=failed_form(pk, request, error.message), status=error.status)
    messages.success(request, _("Le recours est tranché."))
    return redirect("scope_queue", scope=scope, key=key)


def _my_decisions_page(request, found, key, *, failed=None, status=200):
    decisions = selectors.scope_decisions_about(request.user, found.name, key)
    appealable = {decision.pk for decision in decisions if permissions.can_appeal(request.user, decision)}
    say_if_form_gone(request, failed, appealable)
    return render(request, "moderation/scope_my_decisions.html", {
        "scope": found.name, "key": key, "label": found.label(key), "decisions": decisions,
        "appealable": appealable, "failed": failed or {}, "in_scope": True,
    }, status=status)


@login_required
@require_GET
def scope_my_decisions(request, scope, key):
    check_signed_in(request.user)
    found = scopes.for_name(scope)
    response = _my_decisions_page(request, found, key)
    warnings_mark_read(actor=request.user, group=None, scope=found.name, scope_key=key)
    return response


@login_required
@require_POST
def scope_appeal(request, scope, key, pk):
    found = scopes.for_name(scope)
    decision = get_object_or_404(ReportDecision, pk=pk, group=None, scope=found.name, scope_key=key)
    form = AppealForm(request.POST)
    if not form.is_valid():
        return _my_decisions_page(request, found, key, failed=failed_form(pk, request, first_error(form)), status=400)
    try:
        appeal_file(actor=request.user, decision=decision, reason=form.cleaned_data["reason"])
    except DomainError as error:
        return _my_decisions_page(request, found, key, failed=failed_form(pk, request, error.message),
                                  status=error.status)
    messages.success(request, _("Votre recours est enregistré : une autre personne de la coordination va le "
                                "trancher."))
    return redirect("scope_my_decisions", scope=scope, key=key)
