"""Forum settings and a member's own: how a group opens its forum, a member's content-warning
choices, and what they watch (a forum, a thread). Thin: a form, a service, a page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.errors import DomainError
from entraide.permissions import check_member
from entraide.views.access import access_group

from .. import permissions, selectors
from ..forms import ForumSettingsForm, WarningPreferencesForm, WatchForm
from ..services import settings as settings_services
from ..services import watching as watching_services
from .thread_page import form_failed


@login_required
@require_http_methods(["GET", "POST"])
def forum_settings(request, slug):
    standing = access_group(request, slug, check=permissions.check_update_forum_settings,
                            queryset=selectors.forum_groups())
    group = standing.group
    status = 200
    if request.method == "GET":
        form = ForumSettingsForm(initial={"readable_by_anyone": permissions.forum_is_public(group)})
    else:
        form = ForumSettingsForm(request.POST)
        form.is_valid()
        try:
            settings_services.forum_settings_update(
                actor=request.user, group=group, readable_by_anyone=form.cleaned_data.get("readable_by_anyone", False))
        except DomainError as error:
            status = form_failed(form, error)
        else:
            messages.success(request, _("Les réglages du forum sont enregistrés."))
            return redirect("forum_threads", slug=group.slug)
    return render(request, "forums/forum_settings.html", {"group": group, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def warning_preferences(request):
    current = selectors.warning_preferences(request.user)
    status = 200
    if request.method == "GET":
        form = WarningPreferencesForm(current=current)
    else:
        form = WarningPreferencesForm(request.POST, current=current)
        if form.is_valid():
            try:
                settings_services.cw_preferences_set(actor=request.user, choices=form.cleaned_data)
            except DomainError as error:
                status = form_failed(form, error)
            else:
                messages.success(request, _("Vos préférences sont enregistrées."))
                return redirect("forum_warning_preferences")
        else:
            status = 400
    return render(request, "forums/warning_preferences.html", {"form": form}, status=status)


# --- Watching ----------------------------------------------------------------------------------

def _watch(request, *, group, thread=None):
    target = {"thread": thread} if thread is not None else {"group": group}
    status = 200
    if request.method == "POST":
        form = WatchForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["action"] == "watch":
                    if thread is not None:
                        watching_services.subscription_watch_thread(actor=request.user, thread=thread)
                    else:
                        watching_services.subscription_watch_forum(actor=request.user, group=group)
                    messages.success(request, _("C'est noté : vous serez prévenu·e."))
                else:
                    watching_services.subscription_stop(actor=request.user, **target)
                    messages.success(request, _("Vous ne suivez plus ce que vous suiviez ici."))
            except DomainError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                return redirect(request.path)
        else:
            status = 400
    context = {"group": group, "thread": thread, "watching": selectors.is_watching(request.user, **target)}
    return render(request, "forums/watch.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def watch_forum(request, slug):
    standing = access_group(request, slug, check=check_member, queryset=selectors.forum_groups())
    return _watch(request, group=standing.group)


@login_required
@require_http_methods(["GET", "POST"])
def watch_thread(request, slug, thread_id):
    standing = access_group(request, slug, check=check_member, queryset=selectors.forum_groups())
    return _watch(request, group=standing.group, thread=selectors.thread_in(standing, thread_id))
