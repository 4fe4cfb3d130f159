from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from ..errors import DomainError, NotAllowed
from ..forms.groups import DecisionForm, GroupForm, JoinForm
from ..models import JoinPolicy, JoinRequest, Sector
from ..selectors import groups as selectors
from ..services import groups as services
from .access import access_group


def _form_page(request, form, *, group=None, status=200):
    return render(
        request,
        "entraide/group_form.html",
        {"form": form, "group": group, "sectors": Sector.objects.prefetch_related("themes")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    if not permissions.can_create_group(request.user):
        # A page that says how to get there, not a refusal: the member confirms their e-mail.
        return render(request, "entraide/group_verify_first.html", status=403)
    if request.method == "GET":
        # The language first offered and the charter's; another language chosen gets its own
        # default charter when the group is created (services.group_create).
        language = request.LANGUAGE_CODE[:2]
        initial = {"charter": services.default_charter(language), "languages": [language]}
        if request.GET.get("theme"):
            initial["themes"] = [request.GET["theme"][:60]]
        return _form_page(request, GroupForm(initial=initial))
    form = GroupForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    try:
        group = services.group_create(actor=request.user, **form.service_arguments())
    except DomainError as error:
        form.add_error(None, error.message)
        return _form_page(request, form, status=error.status)
    messages.success(request, _("Le groupe « %(name)s » est créé. Bienvenue !") % {"name": group.name})
    return redirect(group.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, slug):
    standing = access_group(request, slug, check=permissions.check_edit_group,
                            queryset=selectors.group_page_queryset())
    group = standing.group
    if request.method == "GET":
        initial = {
            "name": group.name, "slug": group.slug, "description": group.description,
            "themes": [theme.code for theme in group.themes.all()], "kind": group.kind,
            "audience": group.audience, "languages": [row.code for row in group.language_rows.all()],
            "format": group.format, "region": group.region.code, "rhythm": group.rhythm,
            "rhythm_note": group.rhythm_note, "visibility": group.visibility,
            "join_policy": group.join_policy,
        }
        return _form_page(request, GroupForm(initial=initial, editing=True), group=group)
    form = GroupForm(request.POST, editing=True)
    if not form.is_valid():
        return _form_page(request, form, group=group, status=400)
    try:
        group = services.group_update(actor=request.user, group=group, **form.service_arguments())
    except DomainError as error:
        form.add_error(None, error.message)
        return _form_page(request, form, group=group, status=error.status)
    messages.success(request, _("Les changements sont enregistrés."))
    return redirect(group.get_absolute_url())


def _page(request, slug, *, via_invite=False):
    """The group as its page shows it, opened for this visitor (404 when they may not see it)."""
    return access_group(request, slug, queryset=selectors.group_page_queryset(), via_invite=via_invite)


def _detail(request, standing, *, via_invite=False, join_form=None, status=200, problem=""):
    group = standing.group
    context = selectors.group_page(standing, via_invite=via_invite)
    context["join_form"] = join_form or JoinForm(initial={"charter_version": group.charter_version})
    context["problem"] = problem
    context["asks_request"] = group.join_policy == JoinPolicy.REQUEST
    return render(request, "entraide/group_detail.html", context, status=status)


@require_GET
def group_detail(request, slug):
    return _detail(request, _page(request, slug))


@require_GET
def group_invite(request, token):
    return _detail(request, _page(request, selectors.slug_for_invite(token), via_invite=True), via_invite=True)


def _via_invite(request, slug) -> bool:
    """Whether the form came from the group's invite page, with its link as it stands now."""
    return selectors.invite_opens(slug, request.POST.get("invite", ""))


@login_required
@require_POST
def group_join(request, slug):
    via_invite = _via_invite(request, slug)
    standing = _page(request, slug, via_invite=via_invite)
    group = standing.group
    form = JoinForm(request.POST)
    if not form.is_valid():
        return _detail(request, standing, via_invite=via_invite, join_form=form, status=400)
    asks_request = group.join_policy == JoinPolicy.REQUEST
    try:
        if asks_request:
            services.join_request_create(
                actor=request.user, group=group, message=form.cleaned_data["message"],
                charter_version_accepted=form.cleaned_data["charter_version"],
            )
            messages.success(request, _("Votre demande est envoyée. Vous recevrez une réponse du groupe."))
        else:
            services.group_join(
                actor=request.user, group=group, charter_version_accepted=form.cleaned_data["charter_version"]
            )
            messages.success(request, _("Bienvenue dans le groupe « %(name)s » !") % {"name": group.name})
    except DomainError as error:
        form.add_error(None, error.message)
        return _detail(request, standing, via_invite=via_invite, join_form=form, status=error.status)
    # Someone who asked is not a member yet: an unlisted group stays open to them by its link only.
    if via_invite and asks_request:
        return redirect("group_invite", token=group.invite_token)
    return redirect(group.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def group_leave(request, slug):
    standing = access_group(request, slug)
    group = standing.group
    try:
        permissions.check_leave(standing)
        if request.method == "POST":
            services.group_leave(actor=request.user, group=group)
    except DomainError as error:
        return render(request, "entraide/group_leave.html", {"group": group, "problem": error.message},
                      status=error.status)
    if request.method == "GET":
        return render(request, "entraide/group_leave.html", {"group": group})
    messages.success(request, _("Vous avez quitté le groupe « %(name)s ». Vous pouvez revenir quand vous voulez.") % {"name": group.name})
    if group.is_listed:
        return redirect(group.get_absolute_url())
    return redirect("home")


@login_required
@require_POST
def join_request_withdraw(request, slug):
    via_invite = _via_invite(request, slug)
    standing = _page(request, slug, via_invite=via_invite)
    group = standing.group
    try:
        services.join_request_withdraw(actor=request.user, group=group)
    except DomainError as error:
        return _detail(request, standing, via_invite=via_invite, status=error.status, problem=error.message)
    messages.success(request, _("Votre demande est retirée."))
    if via_invite:
        return redirect("group_invite", token=group.invite_token)
    return redirect(group.get_absolute_url())


@login_required
@require_GET
def group_members(request, slug):
    group = access_group(request, slug, check=permissions.check_member).group
    page = Paginator(selectors.group_members(group), 50).get_page(request.GET.get("page"))
    return render(request, "entraide/group_members.html", {"group": group, "page": page})


def _requests_page(request, group, *, status=200):
    return render(request, "entraide/group_requests.html",
                  {"group": group, "requests": selectors.pending_requests(group)}, status=status)


@login_required
@require_GET
def join_requests(request, slug):
    return _requests_page(request, access_group(request, slug, check=permissions.check_decide_join_requests).group)


@login_required
@require_POST
def join_request_decide(request, slug, pk):
    # Asked before anything is loaded: the refusal must show nothing of the requests.
    group = access_group(request, slug, check=permissions.check_decide_join_requests).group
    join_request = get_object_or_404(JoinRequest, pk=pk, group=group)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez d'accepter ou de décliner la demande."))
        return redirect("group_join_requests", slug=group.slug)
    try:
        services.join_request_decide(
            actor=request.user, join_request=join_request, accept=form.cleaned_data["decision"] == "accept"
        )
    except NotAllowed:
        # The role ended since the page's check (the service asks again, under lock): the 403
        # page, which shows nothing of the requests.
        raise
    except DomainError as error:
        messages.error(request, error.message)
        return _requests_page(request, group, status=error.status)
    messages.success(request, _("La réponse est enregistrée."))
    return redirect("group_join_requests", slug=group.slug)
