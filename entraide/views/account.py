"""A member's own account: profile, data export, deletion, their member page."""

import json

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..errors import DomainError
from ..forms.accounts import AccountDeleteForm, ProfileForm
from ..models import User
from ..selectors.accounts import account_overview, member_page
from ..selectors.export import user_export
from ..services.accounts import account_delete, profile_update

LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600


def _remember_language(response, language: str) -> None:
    """The language cookie outranks the profile (the switcher sets it): keep them in step."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    member = request.user
    status = 200
    if request.method == "POST":
        form = ProfileForm(request.POST, member=member)
        status = 400
        if form.is_valid():
            try:
                profile_update(
                    actor=request.user,
                    member=member,
                    pseudonym=form.cleaned_data["pseudonym"],
                    preferred_language=form.cleaned_data["preferred_language"],
                    time_zone=form.cleaned_data["time_zone"] or None,
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Votre profil est enregistré."))
                response = redirect("profile")
                _remember_language(response, member.preferred_language)
                return response
    else:
        form = ProfileForm(member=member)
    context = {"form": form, **account_overview(member)}
    return render(request, "entraide/profile.html", context, status=status)


@never_cache
@login_required
@require_GET
def export(request):
    # No member in the URL: the export is always the signed-in member's own.
    permissions.check_oneself(request.user, request.user)
    body = json.dumps(user_export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"entraide-export-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    member = request.user
    status = 200
    if request.method == "POST":
        # Re-typing the password is a way to guess it: allauth's reauthentication limit applies.
        limited = ratelimit.consume_or_429(request, action="reauthenticate", user=member)
        if limited:
            return limited
        form = AccountDeleteForm(request.POST, member=member)
        status = 400
        if form.is_valid():
            try:
                account_delete(actor=request.user, member=member)
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                logout(request)
                messages.success(request, _("Votre compte est supprimé. Merci d'avoir fait partie d'Entraide."))
                return redirect("home")
    else:
        form = AccountDeleteForm(member=member)
    return render(request, "entraide/account_delete.html", {"form": form}, status=status)


@login_required
@require_GET
def member_profile(request, pk: int):
    # Whether someone else's account exists is not told: any other number is refused alike,
    # without looking it up.
    member = request.user if pk == request.user.pk else User(pk=pk)
    permissions.check_oneself(request.user, member)
    return render(request, "entraide/profile_member.html", member_page(member))
