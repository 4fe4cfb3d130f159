"""Group starters' pages: volunteering, the requests open to a volunteer, a group's own page to
ask for one and see who accompanies it, and the guide (public)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import Conflict, DomainError, NotFound
from entraide.models import Group
from entraide.models.groups import GroupLanguageCode
from entraide.permissions import check_view_group
from entraide.standing import open_group

from ..models.starters import EXPERIENCE_NEEDED, STARTER_NOTE_MAX_LENGTH, STARTER_WORDS_MAX_LENGTH
from ..permissions.starters import REQUEST_SETTLED, can_ask_starter
from ..selectors import starters as selectors
from ..services import starters as services
from ..starter_guide import STARTER_GUIDE


class VolunteerForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Les langues dans lesquelles vous pouvez accompagner"), choices=GroupLanguageCode.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choisissez au moins une langue.")})
    note = forms.CharField(label=gettext_lazy("Quelques mots pour les groupes (facultatif)"), required=False,
                           max_length=STARTER_NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 3, "maxlength": STARTER_NOTE_MAX_LENGTH}))


class AskForm(forms.Form):
    words = forms.CharField(
        label=gettext_lazy("Ce que le groupe attend d'un·e accompagnant·e"), max_length=STARTER_WORDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": STARTER_WORDS_MAX_LENGTH}),
        error_messages={"required": gettext_lazy("Dites en quelques mots ce que le groupe attend d'un·e "
                                                 "accompagnant·e.")})


def _home(request, *, form=None, status=200, refusal=""):
    member = request.user
    volunteer = selectors.volunteer_of(member)
    held = selectors.time_in_roles(member)
    context = {"volunteer": volunteer, "form": form or VolunteerForm(initial={"languages": [request.LANGUAGE_CODE]}),
               "experienced": held >= EXPERIENCE_NEEDED, "days_held": held.days,
               "days_needed": EXPERIENCE_NEEDED.days, "assignments": selectors.assignments_of(member),
               "refusal": refusal}
    return render(request, "peers/starter_home.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def starter_home(request):
    if request.method == "GET":
        return _home(request)
    form = VolunteerForm(request.POST)
    if not form.is_valid():
        return _home(request, form=form, status=400)
    try:
        services.starter_volunteer(actor=request.user, **form.cleaned_data)
    except DomainError as error:
        return _home(request, form=form, status=error.status, refusal=error.message)
    messages.success(request, _("Merci : les nouveaux groupes qui demandent un·e accompagnant·e vous sont montrés."))
    return redirect("peer_starter_requests")


@login_required
@require_POST
def starter_withdraw(request):
    try:
        services.starter_withdraw(actor=request.user)
    except DomainError as error:
        return _home(request, status=error.status, refusal=error.message)
    messages.success(request, _("Vous n'êtes plus inscrit·e comme accompagnant·e de lancement."))
    return redirect("peer_starter")


@login_required
@require_GET
def starter_requests(request):
    volunteer = selectors.volunteer_of(request.user)
    requests = selectors.open_requests_for(request.user) if volunteer else []
    return render(request, "peers/starter_requests.html", {"volunteer": volunteer, "starter_requests": requests})


@login_required
@require_POST
def starter_request_take(request, pk):
    found = selectors.request_for(request.user, pk)
    if found is None:
        raise Http404
    try:
        services.starter_request_accept(actor=request.user, request=found,
                                        charter_version_accepted=request.POST.get("charter_version", ""))
    except DomainError as error:
        messages.error(request, error.message)
        return render(request, "peers/starter_requests.html",
                      {"volunteer": selectors.volunteer_of(request.user),
                       "starter_requests": selectors.open_requests_for(request.user)}, status=error.status)
    messages.success(request, _("Vous accompagnez désormais ce groupe. Le guide est là pour vous."))
    return redirect("group_detail", slug=found.group.slug)


def _group_page(request, standing, *, form=None, status=200, refusal=""):
    group = standing.group
    open_request = selectors.open_request_of(group)
    current = selectors.current_starter(group)
    context = {"group": group, "open_request": open_request, "current": current, "refusal": refusal,
               "may_ask": can_ask_starter(standing, now=timezone.now(), open_request=open_request, current=current),
               "may_withdraw": standing.holds_any_role, "form": form or AskForm()}
    return render(request, "peers/starter_group.html", context, status=status)


def _member_standing(request, slug):
    """The group's starter page is its members' only: anyone else finds nothing."""
    standing = open_group(request, Group.objects.all(), slug=slug)
    if standing is None:
        raise Http404
    try:
        check_view_group(standing)
    except NotFound as error:
        raise Http404 from error
    if not standing.is_member:
        raise Http404
    return standing


@login_required
@require_http_methods(["GET", "POST"])
def starter_group(request, slug):
    """Members see who accompanies the group; its role holders ask while it is new."""
    standing = _member_standing(request, slug)
    if request.method == "GET":
        return _group_page(request, standing)
    form = AskForm(request.POST)
    if not form.is_valid():
        return _group_page(request, standing, form=form, status=400)
    try:
        services.starter_request_open(actor=request.user, group=standing.group, words=form.cleaned_data["words"])
    except DomainError as error:
        return _group_page(request, standing, form=form, status=error.status, refusal=error.message)
    messages.success(request, _("La demande est envoyée aux accompagnant·es qui parlent une langue du groupe."))
    return redirect("peer_starter_group", slug=slug)


@login_required
@require_POST
def starter_request_withdraw(request, slug):
    """The group's role holders take back a request nobody took yet."""
    standing = _member_standing(request, slug)
    open_request = selectors.open_request_of(standing.group)
    try:
        if open_request is None:
            raise Conflict(REQUEST_SETTLED)
        services.starter_request_withdraw(actor=request.user, request=open_request)
    except DomainError as error:
        return _group_page(request, standing, status=error.status, refusal=error.message)
    messages.success(request, _("La demande est retirée."))
    return redirect("peer_starter_group", slug=slug)


@require_GET
def starter_guide(request):
    return render(request, "peers/starter_guide.html", {"sections": STARTER_GUIDE})
