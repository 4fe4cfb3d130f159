"""Notification pages: the list, opening one, marking read, preferences, watching, and the
one-click unsubscribe link of the e-mails. Thin: a form, a selector or a service, a page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide import permissions as group_permissions
from entraide.errors import DomainError

from . import notification_permissions as permissions
from . import notification_selectors as selectors
from . import selectors as forum_selectors
from .notification_forms import EmailPreferenceForm, WatchForm
from .services import notifications as services


@login_required
@require_GET
def notification_list(request):
    context = selectors.notification_page(request.user, request.GET.get("page"))
    return render(request, "forums/notifications.html", context)


@login_required
@require_GET
def notification_open(request, pk):
    """The links of the list and of the e-mails: mark read, then go to what it is about."""
    notification = selectors.notification_for(request.user, pk)
    if notification is None:
        raise Http404
    services.notification_mark_read(actor=request.user, notification=notification)
    return redirect(selectors.target_url(notification))


@login_required
@require_POST
def notification_mark_read(request, pk):
    notification = selectors.notification_for(request.user, pk)
    if notification is None:
        raise Http404
    services.notification_mark_read(actor=request.user, notification=notification)
    return redirect("notification_list")


@login_required
@require_POST
def notifications_mark_all_read(request):
    services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notification_list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    status = 200
    if request.method == "POST":
        form = EmailPreferenceForm(request.POST)
        if form.is_valid():
            services.notification_preference_set(actor=request.user, email_frequency=form.cleaned_data["email_frequency"])
            messages.success(request, _("Vos préférences d'e-mail sont enregistrées."))
            return redirect("notification_preferences")
        status = 400
    else:
        form = EmailPreferenceForm(initial={"email_frequency": services.email_frequency(request.user)})
    context = {"form": form, **selectors.subscriptions_of(request.user)}
    return render(request, "forums/notifications_preferences.html", context, status=status)


def _watched_group(request, slug):
    group = forum_selectors.forum_group(slug)
    if not group_permissions.can_view_group(request.user, group):
        raise Http404
    if not permissions.can_watch_forum(request.user, group):
        raise PermissionDenied
    return group


def _watch(request, *, group, thread=None):
    target = {"thread": thread} if thread is not None else {"group": group}
    status = 200
    if request.method == "POST":
        form = WatchForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["action"] == "watch":
                    if thread is not None:
                        services.subscription_watch_thread(actor=request.user, thread=thread)
                    else:
                        services.subscription_watch_forum(actor=request.user, group=group)
                    messages.success(request, _("C'est noté : vous serez prévenu·e."))
                else:
                    services.subscription_stop(actor=request.user, **target)
                    messages.success(request, _("Vous ne suivez plus ce que vous suiviez ici."))
            except DomainError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                return redirect(request.path)
        else:
            status = 400
    context = {"group": group, "thread": thread, "watching": selectors.is_watching(request.user, **target)}
    return render(request, "forums/notifications_watch.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def watch_forum(request, slug):
    return _watch(request, group=_watched_group(request, slug))


@login_required
@require_http_methods(["GET", "POST"])
def watch_thread(request, slug, thread_id):
    group = _watched_group(request, slug)
    return _watch(request, group=group, thread=forum_selectors.thread_in(group, thread_id))


@csrf_exempt  # the signed token is the proof; mail clients POST here without a page (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (mail scanners follow links); POST unsubscribes, no sign-in needed."""
    try:
        if request.method == "POST":
            services.notifications_unsubscribe(token=token)
            return render(request, "forums/notifications_unsubscribe.html", {"done": True})
        services.member_for_unsubscribe_token(token)
    except DomainError as error:
        return render(request, "forums/notifications_unsubscribe.html", {"error": error.message}, status=error.status)
    action = reverse("notifications_unsubscribe", kwargs={"token": token})
    return render(request, "forums/notifications_unsubscribe.html", {"action": action})
