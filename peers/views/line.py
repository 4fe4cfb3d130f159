"""The listening line's pages for callers: the front page (crisis lines first, every time,
then whether anyone is on duty, the next hours and the knock), a visitor's guest entry, and a
conversation, live over its socket (static/js/line.js) and usable without JavaScript. Thin: a
selector finds, a form validates, a service decides; a refusal comes back on the page with its
message and its 4xx status."""

import json
import uuid

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from entraide.errors import DomainError
from moderation import crisis
from moderation.limits import SlowDown

from ..forms.line import GuestForm, LineMessageForm
from ..forms.reports import PeerReportForm
from ..middleware import GUEST_SESSION_KEY, mark_guest
from ..permissions.line import can_end_line, can_pass, can_report_line, can_write_line
from ..selectors import line as selectors
from ..services import guests as guest_services
from ..services import line as services

# Places said in full words up to this one; the socket's updates use the same sentences.
QUEUE_WORDS_UP_TO = 12


def _number_word(count: int) -> str:
    words = {2: _("deux"), 3: _("trois"), 4: _("quatre"), 5: _("cinq"), 6: _("six"), 7: _("sept"),
             8: _("huit"), 9: _("neuf"), 10: _("dix"), 11: _("onze")}
    return words.get(count, str(count))


def queue_words(position: int | None) -> str:
    """The caller's place in the queue as a sentence: 1 is "the first person", 3 is "two
    people wait before you"."""
    if not position:
        return ""
    if position == 1:
        return _("Vous êtes la première personne dans la file.")
    ahead = position - 1
    sentence = ngettext("Une personne attend avant vous.", "%(count)s personnes attendent avant vous.", ahead)
    return (sentence % {"count": _number_word(ahead)}).capitalize() if ahead > 1 else sentence


def _language(request) -> str:
    return request.LANGUAGE_CODE


def _front_page(request, *, status=200, guest_form=None, refusal=""):
    member = request.user
    front = selectors.line_front(language=_language(request), country=crisis.likely_country(request))
    live = selectors.live_conversation_of(member) if member.is_authenticated else None
    context = {
        "front": front, "crisis_lines": front.crisis_lines, "live": live, "refusal": refusal,
        "on_duty_words": ngettext("Une personne est de permanence en ce moment.",
                                  "%(count)s personnes sont de permanence en ce moment.",
                                  front.on_duty_count) % {"count": front.on_duty_count},
        "is_guest": GUEST_SESSION_KEY in request.session,
        "guest_form": guest_form or GuestForm(),
    }
    return render(request, "peers/line_front.html", context, status=status)


@require_GET
@cache_control(private=True, no_store=True)
def line_front(request):
    return _front_page(request)


@require_POST
def line_guest_open(request):
    """A visitor opens a guest account under a pseudonym and is signed in with it."""
    if request.user.is_authenticated:
        return _front_page(request, status=409, refusal=_("Vous êtes déjà connecté·e : frappez à la porte ci-dessous."))
    form = GuestForm(request.POST)
    if not form.is_valid():
        return _front_page(request, status=400, guest_form=form)
    try:
        user = guest_services.guest_open(pseudonym=form.cleaned_data["pseudonym"],
                                         address=request.META.get("REMOTE_ADDR", ""), language=_language(request))
    except DomainError as error:
        form.add_error("pseudonym" if error.status == 400 else None, error.message)
        response = _front_page(request, status=error.status, guest_form=form)
        if isinstance(error, SlowDown):
            response["Retry-After"] = str(error.retry_after)
        return response
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    mark_guest(request)
    messages.success(request, _("Vous êtes entré·e comme invité·e. Frappez à la porte quand vous êtes prêt·e."))
    return redirect("peer_line")


@login_required
@require_POST
def line_knock(request):
    try:
        conversation = services.line_knock(actor=request.user, language=_language(request))
    except DomainError as error:
        return _front_page(request, status=error.status, refusal=error.message)
    if GUEST_SESSION_KEY in request.session:
        mark_guest(request, conversation.pk)
    return redirect("peer_line_conversation", pk=conversation.pk)


def _message_rows(entry, reader_id) -> list[dict]:
    """Each message as its socket frame, with its moment for the page to show in the reader's zone."""
    return [{**selectors.message_frame(selectors.message_event(message), reader_id), "when": message.created_at}
            for message in selectors.messages_after(conversation_id=entry.conversation.pk, after_seq=0)]


def _conversation_page(request, entry, *, status=200, form=None, refusal="", report_form=None):
    member, conversation = request.user, entry.conversation
    others = [person.display_name for person in (conversation.caller, conversation.supporter, conversation.passed_to)
              if person is not None and person.pk != member.pk]
    context = {
        "conversation": conversation, "role": entry.role, "others": others,
        "position_words": queue_words(entry.position),
        # For the client, as a data- attribute: the page carries no inline script.
        "queue_words": json.dumps([queue_words(position) for position in range(1, QUEUE_WORDS_UP_TO + 1)]),
        "queue_words_many": _("Plus de %(count)s personnes attendent avant vous.") % {"count": QUEUE_WORDS_UP_TO - 1},
        "shown": _message_rows(entry, member.pk),
        "form": form or LineMessageForm(initial={"client_id": uuid.uuid4().hex}),
        "can_write": can_write_line(member, conversation), "can_end": can_end_line(member, conversation),
        "can_pass": can_pass(member, conversation), "can_report": can_report_line(member, conversation),
        "report_form": report_form or PeerReportForm(),
        "socket_path": f"/ws/line/{conversation.pk}/", "refusal": refusal,
        "crisis_lines": crisis.prompt_lines(country=crisis.likely_country(request)),
    }
    return render(request, "peers/line_conversation.html", context, status=status)


def _entry(request, pk):
    return selectors.line_entry(user=request.user, conversation_id=pk)


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def line_conversation(request, pk):
    return _conversation_page(request, _entry(request, pk))


@login_required
@require_POST
def line_message_send(request, pk):
    """Without JavaScript: post, redirect, get. The same client_id twice stores one message."""
    entry = _entry(request, pk)
    form = LineMessageForm(request.POST)
    form.is_valid()
    try:
        services.line_message_send(actor=request.user, conversation=entry.conversation,
                                   body=form.cleaned_data.get("body", ""),
                                   client_id=form.cleaned_data.get("client_id", ""))
    except DomainError as error:
        form.add_error("body", error.message)
        response = _conversation_page(request, entry, status=error.status, form=form)
        if isinstance(error, SlowDown):
            response["Retry-After"] = str(error.retry_after)
        return response
    return redirect(reverse("peer_line_conversation", kwargs={"pk": pk}) + "#line-form")


@login_required
@require_POST
def line_end(request, pk):
    entry = _entry(request, pk)
    guest = GUEST_SESSION_KEY in request.session
    try:
        services.line_end(actor=request.user, conversation=entry.conversation)
    except DomainError as error:
        return _conversation_page(request, entry, status=error.status, refusal=error.message)
    if guest:
        # The guest account closed with the conversation; the session goes with it.
        logout(request)
        messages.success(request, _("La conversation est terminée et votre accès invité·e est fermé. "
                                    "Prenez soin de vous ; les lignes de crise répondent à toute heure."))
        return redirect("peer_line")
    messages.success(request, _("La conversation est terminée."))
    if entry.role == "supporter":
        return redirect("peer_line_duty")
    return redirect("peer_line_conversation", pk=pk)


@login_required
@require_POST
def line_pass(request, pk):
    entry = _entry(request, pk)
    try:
        services.line_pass(actor=request.user, conversation=entry.conversation)
    except DomainError as error:
        return _conversation_page(request, entry, status=error.status, refusal=error.message)
    messages.success(request, _("La conversation est confiée à la coordination. Vous pouvez prendre l'appel suivant."))
    return redirect("peer_line_duty")


@login_required
@require_POST
def line_report(request, pk):
    entry = _entry(request, pk)
    form = PeerReportForm(request.POST)
    if not form.is_valid():
        return _conversation_page(request, entry, status=400, report_form=form)
    try:
        services.line_report(actor=request.user, conversation=entry.conversation, **form.cleaned_data)
    except DomainError as error:
        return _conversation_page(request, entry, status=error.status, refusal=error.message, report_form=form)
    messages.success(request, _("Merci. La conversation est gardée pour que la coordination l'examine."))
    return redirect("peer_line_conversation", pk=pk)
