"""Notification pages: the list, opening one, marking read, the e-mail choices and what the
member follows, and the one-click unsubscribe link of the e-mails. Thin: a form, a selector or
a service, a page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError

from . import kinds, selectors, services
from .forms import EmailPreferencesForm


@login_required
@require_GET
def notification_list(request):
    context = selectors.notification_page(request.user, request.GET.get("page"))
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def notification_open(request, pk):
    """The links of the list and of the e-mails: mark read, then go to what it is about."""
    notification = selectors.notification_for(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    return redirect(notification.url)


@login_required
@require_POST
def notification_mark_read(request, pk):
    services.notification_mark_read(actor=request.user, notification=selectors.notification_for(request.user, pk))
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
    registered, status = kinds.registered(), 200
    if request.method == "POST":
        form = EmailPreferencesForm(request.POST, kinds=registered)
        if form.is_valid():
            services.notification_preferences_set(actor=request.user, choices=form.cleaned_data)
            messages.success(request, _("Vos préférences d'e-mail sont enregistrées."))
            return redirect("notification_preferences")
        status = 400
    else:
        form = EmailPreferencesForm(initial=selectors.email_frequencies(request.user), kinds=registered)
    context = {"form": form, "followings": selectors.followings(request.user)}
    return render(request, "notifications/preferences.html", context, status=status)


@csrf_exempt  # the signed token is the proof; mail clients POST here without a page (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (mail scanners follow links); POST unsubscribes, no sign-in needed."""
    try:
        if request.method == "POST":
            services.notifications_unsubscribe(token=token)
            return render(request, "notifications/unsubscribe.html", {"done": True})
        services.member_for_unsubscribe_token(token)
    except DomainError as error:
        return render(request, "notifications/unsubscribe.html", {"error": error.message}, status=error.status)
    action = reverse("notifications_unsubscribe", kwargs={"token": token})
    return render(request, "notifications/unsubscribe.html", {"action": action})
