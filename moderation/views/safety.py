"""The help page, and the private mutes and blocks between members. Thin: check, call a
selector or a service, render."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError

from .. import crisis, permissions, selectors
from ..services.safety import member_block, member_mute, member_unblock, member_unmute


@require_GET
def crisis_help(request):
    """Public: anyone may need it, signed in or not."""
    countries = crisis.lines_by_country(first_country="")
    first = crisis.likely_country(request, available=[country["code"] for country in countries])
    countries.sort(key=lambda country: country["code"] != first)
    for country in countries:
        country["emergency"] = [line for line in country["lines"] if line.is_emergency]
    return render(request, "moderation/crisis_help.html", {
        "countries": countries,
        "first": countries[0] if countries else None,
        "chosen": first,
    })


def _member(pk):
    return get_user_model().objects.filter(pk=pk, is_active=True, deleted_at__isnull=True).first()


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("profile_safety")


def _safety_page(request, *, status=200):
    return render(request, "moderation/safety_page.html", selectors.my_mutes_and_blocks(request.user),
                  status=status)


def _failed(request, error):
    messages.error(request, error.message)
    return _safety_page(request, status=error.status)


@login_required
@require_GET
def profile_safety(request):
    return _safety_page(request)


# What each action does, for the confirmation page and the message after it.
ACTIONS = {
    "mute": {
        "service": member_mute,
        "done": gettext_lazy("Vous ne verrez plus les messages de %(name)s. Personne n'en est informé ; "
                             "vous pouvez annuler à tout moment."),
    },
    "block": {
        "service": member_block,
        "done": gettext_lazy("%(name)s ne peut plus vous écrire en privé ni vous mentionner. "
                             "Personne n'en est informé ; vous pouvez annuler à tout moment."),
    },
}


def _act(request, pk, action):
    member = _member(pk)
    if request.method == "GET":
        if member is None or not permissions.can_mute_or_block(request.user, member):
            if member is not None and member.pk == request.user.pk:
                messages.error(request, _("Ce réglage concerne les autres membres, pas vous-même."))
                return _safety_page(request, status=400)
            raise Http404
        return render(request, "moderation/safety_confirm.html", {
            "member": member, "action": action, "next": request.GET.get("next", ""),
        })
    try:
        ACTIONS[action]["service"](actor=request.user, member=member)
    except DomainError as error:
        return _failed(request, error)
    messages.success(request, ACTIONS[action]["done"] % {"name": member.display_name})
    return _back(request)


@login_required
@require_http_methods(["GET", "POST"])
def mute(request, pk):
    return _act(request, pk, "mute")


@login_required
@require_http_methods(["GET", "POST"])
def block(request, pk):
    return _act(request, pk, "block")


def _undo(request, pk, service, done):
    member = _member(pk) or get_user_model().objects.filter(pk=pk).first()
    if member is None:
        raise Http404
    try:
        service(actor=request.user, member=member)
    except DomainError as error:
        return _failed(request, error)
    messages.success(request, done % {"name": member.display_name})
    return _back(request)


@login_required
@require_POST
def unmute(request, pk):
    return _undo(request, pk, member_unmute, _("Vous voyez de nouveau les messages de %(name)s."))


@login_required
@require_POST
def unblock(request, pk):
    return _undo(request, pk, member_unblock, _("%(name)s peut de nouveau vous écrire."))
