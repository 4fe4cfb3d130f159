"""The agenda of an occurrence prepared together, its notes after the meeting, and its invited
speaker. Thin: open the group (access_group), call a service, show the page again. A refused
action shows the page with the service's message and its 4xx status; nothing typed is lost."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.errors import DomainError
from entraide.views.access import access_group

from .. import permissions
from ..models import NOTE_MAX_LENGTH, SpeakerStatus
from ..selectors import agenda as agenda_selectors
from ..selectors.occurrences import occurrence_in
from ..services import agenda as agenda_services
from ..services import notes as note_services
from ..services import speakers as speaker_services


def _page(request, standing, pk, *, status=200, error=None, typed=None, template="meetings/agenda.html"):
    page = agenda_selectors.agenda_page(standing, pk)
    if error is not None:
        messages.error(request, error.message)
        status = error.status
    context = {"group": standing.group, "page": page, "occurrence": page.occurrence, "typed": typed or {},
               "note_max_length": NOTE_MAX_LENGTH, "speaker_statuses": SpeakerStatus}
    return render(request, template, context, status=status)


def _done(request, slug, pk, message, name="meeting_agenda"):
    messages.success(request, message)
    return redirect(name, slug=slug, pk=pk)


@require_http_methods(["GET", "POST"])
def agenda(request, slug, pk):
    """The agenda; a POST proposes an item."""
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    if request.method == "GET":
        return _page(request, standing, pk)
    text = request.POST.get("text", "")
    try:
        agenda_services.agenda_item_propose(actor=request.user, occurrence=occurrence_in(standing, pk), text=text)
    except DomainError as error:
        return _page(request, standing, pk, error=error, typed={"text": text})
    return _done(request, slug, pk, _("Votre point est ajouté à l'ordre du jour."))


@login_required
@require_POST
def agenda_item_move(request, slug, pk, item_pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    item = agenda_selectors.item_in(standing, pk, item_pk)
    try:
        agenda_services.agenda_item_move(actor=request.user, item=item, direction=request.POST.get("direction"))
    except DomainError as error:
        return _page(request, standing, pk, error=error)
    return _done(request, slug, pk, _("L'ordre du jour est réordonné."))


@login_required
@require_POST
def agenda_item_remove(request, slug, pk, item_pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    item = agenda_selectors.item_in(standing, pk, item_pk)
    try:
        agenda_services.agenda_item_remove(actor=request.user, item=item)
    except DomainError as error:
        return _page(request, standing, pk, error=error)
    return _done(request, slug, pk, _("Le point est retiré de l'ordre du jour."))


@login_required
@require_POST
def agenda_template_apply(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    try:
        agenda_services.agenda_template_apply(actor=request.user, occurrence=occurrence_in(standing, pk),
                                              template=request.POST.get("template", ""))
    except DomainError as error:
        return _page(request, standing, pk, error=error)
    return _done(request, slug, pk, _("Le tour d'ouverture et le tour de clôture sont à l'ordre du jour."))


@login_required
@require_POST
def agenda_prompt_add(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    try:
        agenda_services.agenda_prompt_add(actor=request.user, occurrence=occurrence_in(standing, pk),
                                          prompt=request.POST.get("prompt", ""))
    except DomainError as error:
        return _page(request, standing, pk, error=error)
    return _done(request, slug, pk, _("La question est ajoutée à l'ordre du jour."))


@require_http_methods(["GET", "POST"])
def meeting_notes(request, slug, pk):
    """The notes after the meeting; a POST writes them (empty: takes them away)."""
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    if request.method == "GET":
        return _page(request, standing, pk, template="meetings/notes.html")
    body = request.POST.get("body", "")
    try:
        note = note_services.meeting_note_save(actor=request.user, occurrence=occurrence_in(standing, pk), body=body)
    except DomainError as error:
        return _page(request, standing, pk, error=error, typed={"body": body}, template="meetings/notes.html")
    message = _("Les notes sont enregistrées.") if note else _("Les notes sont retirées.")
    return _done(request, slug, pk, message, name="meeting_notes")


@login_required
@require_POST
def speaker(request, slug, pk):
    """Invite the session's speaker, or move the invitation one step on (confirmed, thanked)."""
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    occurrence = occurrence_in(standing, pk)
    typed = {"speaker_name": request.POST.get("speaker_name", ""), "topic": request.POST.get("topic", "")}
    try:
        if request.POST.get("status"):
            speaker_services.speaker_status_advance(actor=request.user, occurrence=occurrence,
                                                    status=request.POST["status"])
        else:
            speaker_services.speaker_invite(actor=request.user, occurrence=occurrence, **typed)
    except DomainError as error:
        return _page(request, standing, pk, error=error, typed=typed)
    return _done(request, slug, pk, _("L'invitation de l'intervenant·e est à jour."))
