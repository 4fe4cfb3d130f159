"""The supporter's side of the listening line: duty slots taken in their own time zone and
left at any time, "take the next caller", the conversations they hold, and the hand-over notes
(write one, read the recent ones of the language they are on duty in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST

from entraide.errors import DomainError

from ..forms.line import DutySlotForm, HandoverNoteForm
from ..permissions.line import can_read_notes, on_duty_slot
from ..selectors import line as selectors
from ..selectors import line_duty as duty_selectors
from ..selectors.requests import supporter_of
from ..services import duty as duty_services
from ..services import handover as handover_services
from ..services import line as line_services


def _duty_page(request, *, status=200, slot_form=None, note_form=None, refusal=""):
    member, now = request.user, timezone.now()
    supporter = supporter_of(member)
    current = on_duty_slot(member, now=now)
    note_slot = current or duty_selectors.latest_note_slot(member, now=now)
    notes_language = current.language if current else None
    context = {
        "supporter": supporter, "current": current, "refusal": refusal, "time_zone": member.time_zone,
        "slots": selectors.slots_of(member, now=now) if supporter else [],
        "held": duty_selectors.conversations_held(member),
        "slot_form": slot_form or DutySlotForm(time_zone=member.time_zone,
                                               initial={"language": request.LANGUAGE_CODE}),
        "note_slot": note_slot,
        "note_form": note_form or HandoverNoteForm(
            initial={"language": note_slot.language if note_slot else request.LANGUAGE_CODE}),
        "notes": (selectors.handover_notes(actor=member, language=notes_language, now=now)
                  if notes_language and can_read_notes(member, language=notes_language, now=now) else []),
    }
    return render(request, "peers/line_duty.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@cache_control(private=True, no_store=True)
def line_duty(request):
    """GET: the page; POST: take a slot."""
    if request.method == "GET":
        return _duty_page(request)
    form = DutySlotForm(request.POST, time_zone=request.user.time_zone)
    if not form.is_valid():
        return _duty_page(request, status=400, slot_form=form)
    try:
        duty_services.duty_slot_take(actor=request.user, **form.service_arguments())
    except DomainError as error:
        form.add_error(None, error.message)
        return _duty_page(request, status=error.status, slot_form=form)
    messages.success(request, _("La permanence est notée. Merci."))
    return redirect("peer_line_duty")


@login_required
@require_POST
def line_duty_leave(request, pk):
    slot = duty_selectors.own_slot(request.user, pk)
    try:
        ended = duty_services.duty_slot_leave(actor=request.user, slot=slot)
    except DomainError as error:
        return _duty_page(request, status=error.status, refusal=error.message)
    messages.success(request, _("Votre permanence est finie. Laissez une note pour la relève si vous le souhaitez.")
                     if ended else _("La permanence est retirée."))
    return redirect("peer_line_duty")


@login_required
@require_POST
def line_answer(request):
    """"Take the next caller": the one who has waited longest in the slot's language."""
    try:
        conversation = line_services.line_answer(actor=request.user)
    except DomainError as error:
        return _duty_page(request, status=error.status, refusal=error.message)
    if conversation is None:
        messages.info(request, _("Personne n'attend en ce moment."))
        return redirect("peer_line_duty")
    return redirect("peer_line_conversation", pk=conversation.pk)


@login_required
@require_POST
def line_note_write(request):
    form = HandoverNoteForm(request.POST)
    if not form.is_valid():
        return _duty_page(request, status=400, note_form=form)
    try:
        handover_services.handover_note_write(actor=request.user, **form.cleaned_data)
    except DomainError as error:
        form.add_error("body", error.message)
        # Off duty the page shows no note form: the refusal then stands at the top.
        return _duty_page(request, status=error.status, note_form=form,
                          refusal=error.message if error.status == 403 else "")
    messages.success(request, _("Votre note est laissée pour la relève."))
    return redirect("peer_line_duty")
