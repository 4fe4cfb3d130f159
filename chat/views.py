"""The chat's pages: the room (the latest messages, the form that sends without JavaScript, and
what the live client, static/js/chat.js, reads from the page), and the history pages, in HTML
or, for the client's reload, as the socket's message frames in JSON (docs/realtime.md).

Every list is as the member sees it (chat.selectors.seen_frame): messages of those they muted
or blocked folded, as the forum folds their posts; those of members who blocked them left out.

Thin: open the group with chat.permissions.check_chat (members only: the 403 page says why;
an unlisted group is a 404 to others), validate, call a selector or chat.services.message_send,
render. A refused message re-shows the form with the member's text and its client_id.

The page's settings forms (a member hiding their presence, a moderator setting slow mode)
post to their own addresses and come back to the page (post, redirect, get); a value the form
does not take re-shows the page with the reason and a 400."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide import ids
from entraide.errors import Conflict, DomainError, refusal
from entraide.forms.errors import first_error
from entraide.views.access import access_group
from moderation.crisis import crisis_prompt_context
from moderation.permissions import can_moderate

from . import permissions, selectors
from .forms import MessageForm, PresenceForm, SlowModeForm
from .models import ChatMessage, ChatSettings
from .services import MessageRefused, chat_presence_hide_set, chat_slow_mode_set, message_send

PAGE_SIZE = selectors.LATEST_LIMIT
CRISIS_SESSION_KEY = "chat_crisis_message"
# The refusals that are about the text itself: said at the field, the others above the form.
BODY_REFUSALS = ("empty", "too_long")


def room_url(group) -> str:
    return reverse("chat_room", kwargs={"slug": group.slug})


def _shown(messages_: list[ChatMessage], silences) -> list[dict]:
    """The message frames the page lists, as the member sees them, each with its moment for the
    <time> element."""
    return [{**selectors.seen_frame(selectors.message_frame(message), silences), "moment": message.created_at}
            for message in messages_]


def _page_of(user, group, before_seq=None) -> tuple[list[dict], int | None]:
    """Up to PAGE_SIZE messages (the latest, or those before `before_seq`) and the seq to ask
    for the older ones, None when there are none. Two queries: the member's silences, then the
    messages."""
    silences = selectors.silences_of(user)
    if before_seq is None:
        found = selectors.messages_latest(group=group, limit=PAGE_SIZE + 1, silences=silences)
    else:
        found = selectors.messages_before(group=group, before_seq=before_seq, limit=PAGE_SIZE + 1, silences=silences)
    older = len(found) > PAGE_SIZE
    found = found[-PAGE_SIZE:]
    return _shown(found, silences), (found[0].seq if older else None)


def _report_prefix(group) -> str:
    """The report address of message <id> is this prefix, the id, and a slash."""
    return reverse("group_report", kwargs={"slug": group.slug, "kind": "chat_message", "object_id": 1})[:-2]


def _hide_prefix(group) -> str:
    """The hiding address of message <id> is this prefix, the id, and "/hide/"."""
    return reverse("group_content_hide", kwargs={"slug": group.slug, "kind": "chat_message",
                                                 "object_id": 1})[:-len("1/hide/")]


def _moderation_context(standing) -> dict:
    """What the message list needs to offer moderators a "hide" form on each message."""
    can_hide = can_moderate(standing)
    return {"can_hide": can_hide, "hide_prefix": _hide_prefix(standing.group) if can_hide else ""}


def _crisis_prompt(request, group):
    message_pk = request.session.pop(CRISIS_SESSION_KEY, None)
    if message_pk is None:
        return None
    message = ChatMessage.objects.filter(pk=message_pk, group=group, author=request.user).first()
    return crisis_prompt_context(message.body, request.user, group) if message is not None else None


def _room_page(request, standing, form, *, status=200):
    group = standing.group
    shown, older_before = _page_of(request.user, group)
    _last_seq, slow_mode_seconds = selectors.room_state(group)
    send_refusal = refusal(permissions.check_send, standing)
    context = {
        "group": group,
        "shown": shown,
        "older_before": older_before,
        "last_seq": shown[-1]["seq"] if shown else 0,
        "slow_mode_seconds": slow_mode_seconds,
        "form": form,
        "client_id": form.client_id_to_keep(),
        # A refused form is shown again with its text, whatever the refusal.
        "show_form": not send_refusal or form.is_bound,
        "send_refusal": send_refusal,
        "report_prefix": _report_prefix(group),
        "crisis_prompt": _crisis_prompt(request, group),
        "socket_path": f"/ws/groups/{group.slug}/chat/",
        # One query more than the messages need: the member's own choice, for its form.
        "presence_hidden": ChatSettings.objects.filter(member=request.user, hide_presence=True).exists(),
        "slow_mode_form": (SlowModeForm(current=slow_mode_seconds)
                           if permissions.can_set_slow_mode(standing) else None),
        **_moderation_context(standing),
    }
    response = render(request, "chat/room.html", context, status=status)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _refused(form, error) -> None:
    field = "body" if isinstance(error, MessageRefused) and error.code in BODY_REFUSALS else None
    form.add_error(field, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def chat_room(request, slug):
    standing = access_group(request, slug, check=permissions.check_chat)
    if request.method == "GET":
        return _room_page(request, standing, MessageForm())
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _room_page(request, standing, form, status=400)
    try:
        message, created = message_send(actor=request.user, group=standing.group, body=form.cleaned_data["body"],
                                        client_id=form.cleaned_data["client_id"])
    except DomainError as error:
        _refused(form, error)
        response = _room_page(request, standing, form, status=error.status)
        if getattr(error, "retry_after", None):
            response["Retry-After"] = str(error.retry_after)
        return response
    if created:
        request.session[CRISIS_SESSION_KEY] = message.pk
        messages.success(request, _("Votre message est envoyé."))
    else:
        messages.info(request, _("Ce message était déjà envoyé : il n'apparaît qu'une fois."))
    return redirect(room_url(standing.group))


def _setting_refused(request, standing, message, *, status=400):
    """A settings form the page did not offer that way: the page again, saying why."""
    messages.error(request, message)
    return _room_page(request, standing, MessageForm(), status=status)


@login_required
@require_POST
def chat_presence(request, slug):
    """Hide one's presence from the group's chats, or show it again."""
    standing = access_group(request, slug, check=permissions.check_chat)
    form = PresenceForm(request.POST)
    if not form.is_valid():
        return _setting_refused(request, standing, first_error(form))
    hidden = form.cleaned_data["hidden"]
    chat_presence_hide_set(actor=request.user, hidden=hidden)
    if hidden:
        messages.success(request, _("Votre présence n'est plus montrée dans les discussions de vos groupes."))
    else:
        messages.success(request, _("Votre présence est de nouveau montrée dans les discussions de vos groupes."))
    return redirect(room_url(standing.group))


@login_required
@require_POST
def chat_slow_mode(request, slug):
    """The group's moderators set the delay between two messages of a member."""
    standing = access_group(request, slug, check=permissions.check_set_slow_mode)
    form = SlowModeForm(request.POST)
    if not form.is_valid():
        return _setting_refused(request, standing, first_error(form))
    seconds = form.cleaned_data["seconds"]
    try:
        chat_slow_mode_set(actor=request.user, group=standing.group, seconds=seconds)
    except Conflict as error:
        # The same form posted twice: nothing to change, nothing wrong.
        messages.info(request, error.message)
    except DomainError as error:
        return _setting_refused(request, standing, error.message, status=error.status)
    else:
        messages.success(request, _("Le mode lent est réglé.") if seconds else _("Le mode lent est désactivé."))
    return redirect(room_url(standing.group))


def _wants_json(request) -> bool:
    if request.GET.get("format") == "json":
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _bad_history_request(request, group, message, *, as_json):
    if as_json:
        return JsonResponse({"error": message}, status=400)
    return render(request, "chat/history.html", {"group": group, "problem": message}, status=400)


@login_required
@require_GET
def chat_history(request, slug):
    """Older messages, PAGE_SIZE a page: ?before=<seq> those before it, none the latest."""
    standing = access_group(request, slug, check=permissions.check_chat)
    group = standing.group
    as_json = _wants_json(request)
    if request.GET.get("format", "json" if as_json else "html") not in ("json", "html"):
        return _bad_history_request(request, group, _("Ce format n'existe pas : l'historique se lit en HTML ou en "
                                                      "JSON."), as_json=False)
    raw_before = request.GET.get("before")
    before_seq = None
    if raw_before is not None:
        before_seq = ids.parse(raw_before)
        if before_seq is None:
            return _bad_history_request(request, group, _("Cette page de l'historique n'existe pas : revenez à la "
                                                          "discussion et suivez le lien des messages plus "
                                                          "anciens."), as_json=as_json)
    shown, older_before = _page_of(request.user, group, before_seq)
    if as_json:
        frames = [{key: value for key, value in entry.items() if key != "moment"} for entry in shown]
        response = JsonResponse({"messages": frames, "before": older_before})
    else:
        response = render(request, "chat/history.html", {
            "group": group, "shown": shown, "older_before": older_before, "before_seq": before_seq,
            "report_prefix": _report_prefix(group), **_moderation_context(standing),
        })
    patch_vary_headers(response, ["Accept"])
    patch_cache_control(response, private=True, no_cache=True)
    return response
