"""One occurrence: its page (answers, roles, the room when it opens), and what members do on it:
answer, take or leave a role, welcome a newcomer (the welcome contact); what planners do: cancel
or move it, with a reason.

The room's address and a member's token are in the page only for members, only inside the
join window; the embed's Content-Security-Policy lets the Jitsi origin in on this page alone,
and only when the page embeds it."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError, refusal
from entraide.views.access import access_group

from .. import jitsi, permissions
from ..forms import CancelForm, MeetingRoleForm, MoveForm, RsvpForm, WelcomeForm
from ..models import MeetingRoleKind, RsvpAnswer
from ..recurrence import zone_of
from ..selectors import occurrences as selectors
from ..services import occurrences as occurrence_services
from ..services import roles as role_services
from ..services import rsvps as rsvp_services
from ..services import welcome as welcome_services


def occurrence_url(occurrence):
    return redirect("meeting_occurrence", occurrence.series.group.slug, occurrence.pk)


def _join(standing, occurrence, now):
    """The room for this member now, or None: outside the window, nobody gets its address."""
    if not permissions.can_join(standing, occurrence, now):
        return None
    series = occurrence.series
    token = jitsi.token_for(member=standing.user, occurrence=occurrence,
                            moderator=permissions.is_host(standing, occurrence), now=now)
    return {
        "url": jitsi.room_url(series), "room": series.room_name, "domain": jitsi.domain(), "token": token,
        "embed": token is not None, "script": f"{jitsi.base_url()}/external_api.js",
    }


def _page(request, standing, pk, *, status=200, cancel_form=None, move_form=None, welcome_typed=None):
    now = timezone.now()
    page = selectors.occurrence_page(standing, pk, now=now)
    occurrence = page.occurrence
    series = occurrence.series
    join = _join(standing, occurrence, now)
    can_change = permissions.can_change_occurrence(standing, occurrence, now)
    zone = zone_of(series.time_zone)
    context = {
        "group": standing.group, "series": series, "occurrence": occurrence, "page": page, "join": join,
        "join_refusal": refusal(permissions.check_join, standing, occurrence, now),
        "is_host": permissions.is_host(standing, occurrence),
        "rsvp_refusal": refusal(permissions.check_rsvp, standing, occurrence, now),
        "answers": RsvpAnswer.choices, "can_change": can_change, "can_plan": permissions.can_plan(standing, series),
        "can_take_role": permissions.can_take_role(standing, occurrence, None, now),
        "can_welcome_newcomers": permissions.can_welcome_newcomers(standing, occurrence, now),
        "cancel_form": cancel_form or CancelForm(),
        "move_form": move_form or MoveForm(zone=zone, initial={"date": occurrence.local_start.date(),
                                                              "time": occurrence.local_start.time()}),
        "uses_tokens": jitsi.uses_tokens(), "user_id": standing.user_id,
        "welcome_typed": welcome_typed or {}, "welcome_max_length": welcome_services.WELCOME_MAX_LENGTH,
    }
    response = render(request, "meetings/occurrence_detail.html", context, status=status)
    if join and join["embed"]:
        origin = jitsi.origin()
        response._csp_update = {"script-src": [origin], "frame-src": [origin]}
    return response


@require_GET
@cache_control(private=True, no_store=True)
def occurrence_detail(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    return _page(request, standing, pk)


def _refused(request, standing, pk, error, **typed):
    messages.error(request, error.message)
    return _page(request, standing, pk, status=error.status, **typed)


@login_required
@require_POST
def occurrence_rsvp(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    occurrence = selectors.occurrence_in(standing, pk)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        return _refused(request, standing, pk, DomainError(rsvp_services.BAD_ANSWER))
    try:
        rsvp = rsvp_services.rsvp_set(actor=request.user, occurrence=occurrence, answer=form.cleaned_data["answer"])
    except DomainError as error:
        return _refused(request, standing, pk, error)
    if rsvp.waiting_since:
        messages.info(request, _("La rencontre est complète : vous êtes sur la liste d'attente. "
                                 "Une place libérée vous revient dans l'ordre d'inscription."))
    else:
        messages.success(request, _("Votre réponse est enregistrée."))
    return occurrence_url(occurrence)


@login_required
@require_POST
def occurrence_role(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    occurrence = selectors.occurrence_in(standing, pk)
    form = MeetingRoleForm(request.POST)
    if not form.is_valid():
        return _refused(request, standing, pk, DomainError(role_services.BAD_ROLE))
    role, action = form.cleaned_data["role"], form.cleaned_data["action"]
    try:
        if action == "take":
            role_services.meeting_role_take(actor=request.user, occurrence=occurrence, role=role)
        else:
            role_services.meeting_role_leave(actor=request.user, occurrence=occurrence, role=role)
    except DomainError as error:
        return _refused(request, standing, pk, error)
    label = MeetingRoleKind(role).label
    if action == "take":
        messages.success(request, _("Merci : vous êtes %(role)s pour cette rencontre.") % {"role": label})
    else:
        messages.success(request, _("Vous avez laissé le rôle %(role)s : il est de nouveau ouvert.") % {"role": label})
    return occurrence_url(occurrence)


@login_required
@require_http_methods(["POST"])
def occurrence_cancel(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    occurrence = selectors.occurrence_in(standing, pk)
    permissions.check_plan(standing, occurrence.series)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _page(request, standing, pk, status=400, cancel_form=form)
    try:
        occurrence_services.occurrence_cancel(actor=request.user, occurrence=occurrence,
                                              reason=form.cleaned_data["reason"])
    except DomainError as error:
        form.add_error(None, error.message)
        return _page(request, standing, pk, status=error.status, cancel_form=form)
    messages.success(request, _("La rencontre est annulée ; les personnes inscrites sont prévenues."))
    return occurrence_url(occurrence)


@login_required
@require_http_methods(["POST"])
def occurrence_move(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    occurrence = selectors.occurrence_in(standing, pk)
    permissions.check_plan(standing, occurrence.series)
    form = MoveForm(request.POST, zone=zone_of(occurrence.series.time_zone))
    if not form.is_valid():
        return _page(request, standing, pk, status=400, move_form=form)
    try:
        occurrence_services.occurrence_move(actor=request.user, occurrence=occurrence,
                                            starts_at=form.cleaned_data["starts_at"],
                                            reason=form.cleaned_data["reason"])
    except DomainError as error:
        form.add_error(None, error.message)
        return _page(request, standing, pk, status=error.status, move_form=form)
    messages.success(request, _("La rencontre est déplacée ; les personnes inscrites sont prévenues."))
    return occurrence_url(occurrence)


@login_required
@require_POST
def occurrence_welcome(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    occurrence = selectors.occurrence_in(standing, pk)
    form = WelcomeForm(request.POST)
    typed = {}
    try:
        # Who may welcome is said before what was typed is looked at.
        permissions.check_welcome_newcomers(standing, occurrence)
        if not form.is_valid():
            raise DomainError(permissions.NOT_COMING)
        typed = {"welcome_typed": {"member": form.cleaned_data["member"], "body": form.cleaned_data["body"]}}
        member = get_user_model().objects.filter(pk=form.cleaned_data["member"]).first()
        if member is None:
            raise DomainError(permissions.NOT_COMING)
        welcome_services.welcome_send(actor=request.user, occurrence=occurrence, member=member,
                                      body=form.cleaned_data["body"])
    except DomainError as error:
        return _refused(request, standing, pk, error, **typed)
    messages.success(request, _("Votre mot d'accueil est envoyé à %(name)s, dans vos messages privés.")
                     % {"name": member.display_name})
    return occurrence_url(occurrence)
