"""Forum pages. Thin: check access, validate with a form, call a selector or a service, render.

Access: an unlisted group's forum answers 404 to anyone outside the group; a listed group's
members-only forum answers 403. A refused request re-shows the form with the member's text."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET, require_http_methods, require_POST

from entraide import ids
from entraide import permissions as group_permissions
from entraide.errors import DomainError
from entraide.models import Group
from moderation import permissions as moderation_permissions
from moderation.crisis import crisis_prompt_context
from moderation.selectors import muted_author_ids
from notifications.selectors import unread_count

from .. import permissions, selectors
from ..forms import (
    EditForm, ForumSettingsForm, ReactionForm, ReasonForm, ReplyForm, ThreadForm, ThreadModerationForm,
    WarningPreferencesForm, WatchForm,
)
from ..models import Thread
from ..post_fragments import post_fragments
from ..services import moderation as moderation_services
from ..services import posts as post_services
from ..services import reactions as reaction_services
from ..services import settings as settings_services
from ..services import watching as watching_services


def _forum(request, slug, allowed=permissions.can_read_forum):
    return _open_forum(request, selectors.forum_group(slug), allowed)


def _open_forum(request, group, allowed=permissions.can_read_forum):
    if not group_permissions.can_view_group(request.user, group):
        raise Http404
    if not permissions.can_read_forum(request.user, group) or not allowed(request.user, group):
        raise PermissionDenied
    return group


def _thread(request, slug, thread_id, allowed=permissions.can_read_forum):
    group = _forum(request, slug, allowed)
    return group, selectors.thread_in(group, thread_id)


@dataclass(frozen=True)
class _Reading:
    """A thread page's thread and what it shows of its reader, read once per request (by the
    ETag, then by the page itself), beside what the permissions keep for the request."""

    group: Group
    thread: Thread
    read_up_to: int
    preferences: dict
    muted_ids: set


def _reading(request, slug, thread_id) -> _Reading:
    reading = getattr(request, "forum_reading", None)
    if reading is None:
        thread = selectors.thread_with_group(slug, thread_id)
        if thread is None:
            _forum(request, slug)  # the forum's own 404 or 403 first: no thread is told to exist
            raise Http404
        # Read first: it holds the reader's membership, which the access check then answers from.
        reading = _read_for(request, thread)
        _open_forum(request, thread.group)
        request.forum_reading = reading
    return reading


def _read_for(request, thread) -> _Reading:
    user = _reader(request)
    return _Reading(group=thread.group, thread=thread, read_up_to=selectors.last_read(user, thread),
                    preferences=selectors.warning_preferences(user), muted_ids=muted_author_ids(user))


def _post(request, slug, thread_id, number):
    group, thread = _thread(request, slug, thread_id)
    return group, thread, selectors.post_in(thread, number)


def _thread_url(thread, number=None) -> str:
    url = reverse("forum_thread", kwargs={"slug": thread.group.slug, "thread_id": thread.pk})
    if number is None:
        return url
    return f"{url}?page={selectors.page_of(number)}#post-{number}"


def _failed(form, error):
    form.add_error(None, error.message)
    return error.status


def _with_retry_after(response, error):
    """Flood control says when writing works again."""
    if getattr(error, "retry_after", None):
        response["Retry-After"] = str(error.retry_after)
    return response


# --- Threads -----------------------------------------------------------------------------------

@require_GET
def thread_list(request, slug):
    group = _forum(request, slug)
    context = selectors.thread_list(group, request.user, request.GET.get("page"))
    context.update(
        group=group,
        is_member=group_permissions.is_member(request.user, group),
        can_post=permissions.can_post(request.user, group),
        can_update_settings=permissions.can_update_forum_settings(request.user, group),
        is_public=permissions.forum_is_public(group),
    )
    return render(request, "forums/thread_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    group = _forum(request, slug, group_permissions.is_member)
    status = 200
    if request.method == "GET":
        form = ThreadForm()
    else:
        form = ThreadForm(request.POST)
        if form.is_valid():
            try:
                thread = post_services.thread_create(actor=request.user, group=group, **form.service_arguments())
            except DomainError as error:
                status = _failed(form, error)
            else:
                _remember_for_crisis_prompt(request, thread.posts.get())
                messages.success(request, _("Votre sujet est publié."))
                return redirect(_thread_url(thread))
        else:
            status = 400
    return render(request, "forums/thread_form.html", {"group": group, "form": form,
                                                       "can_post": permissions.can_post(request.user, group)},
                  status=status)


def _quote_initial(request, thread) -> dict:
    """?quote=<n>: the reply starts with that post's text as a Markdown quote."""
    number = ids.parse(request.GET.get("quote", ""), ids.NUMBER_MAX)
    if number is None:
        return {}
    quoted = thread.posts.filter(number=number, deleted_by_author_at__isnull=True, hidden_at__isnull=True).first()
    if quoted is None:
        return {}
    lines = "\n".join(f"> {line}" if line else ">" for line in quoted.body.splitlines())
    return {"body": f"{lines}\n\n", "quote_of": quoted.number}


def _reader(request):
    """The signed-in member (or AnonymousUser) itself: request.user is a lazy proxy whose every
    attribute read goes through a method call, and a thread page reads it hundreds of times."""
    user = request.user
    user.is_authenticated  # noqa: B018 (loads it)
    return getattr(user, "_wrapped", user)


def _thread_page(request, reading, *, reply_form=None, status=200, page_number=None):
    user = _reader(request)
    group, thread = reading.group, reading.thread
    context = selectors.thread_page(thread, user, page_number or request.GET.get("page"), muted_ids=reading.muted_ids,
                                    preferences=reading.preferences, read_up_to=reading.read_up_to)
    can_reply = permissions.can_reply(user, thread)
    if reply_form is None and can_reply:
        reply_form = ReplyForm(initial=_quote_initial(request, thread))
    can_lock = permissions.can_lock_thread(user, thread)
    can_pin = permissions.can_pin_thread(user, thread)
    can_slow = permissions.can_set_slow_mode(user, thread)
    context.update(
        group=group, thread=thread, reply_form=reply_form, can_reply=can_reply,
        is_member=group_permissions.is_member(user, group),
        can_post=permissions.can_post(user, group),
        can_hide=permissions.can_hide_posts(user, group),
        can_lock=can_lock, can_pin=can_pin, can_slow=can_slow,
        moderation_form=(ThreadModerationForm(initial={"slow_mode_seconds": thread.slow_mode_seconds})
                         if can_lock or can_pin or can_slow else None),
        slow_mode_label=moderation_services.slow_mode_label(thread.slow_mode_seconds),
        crisis_prompt=_crisis_prompt(request, thread),
    )
    shown = context["page"].object_list
    context["post_fragments"] = post_fragments(shown, group=group, thread=thread, user=user, can_reply=can_reply,
                                               csrf_token=lambda: get_token(request))
    if reply_form is not None and not reply_form.is_bound and not reply_form.initial:
        context["blank_reply_fields"] = _blank_reply_fields()
    if status == 200 and shown and shown[-1].number > context["last_read"]:
        post_services.thread_mark_read(actor=user, thread=thread, number=shown[-1].number)
    return render(request, "forums/thread_detail.html", context, status=status)


_blank_reply_fields_by_language = {}


def _blank_reply_fields() -> str:
    """The empty reply form is the same for every reader: rendered once per language and process."""
    language = get_language()
    if language not in _blank_reply_fields_by_language:
        _blank_reply_fields_by_language[language] = render_to_string("forums/_reply_fields.html",
                                                                     {"reply_form": ReplyForm()})
    return _blank_reply_fields_by_language[language]


CRISIS_SESSION_KEY = "forum_crisis_post"


def _remember_for_crisis_prompt(request, post) -> None:
    """The page the member lands on after writing shows the crisis prompt if their words call for it."""
    request.session[CRISIS_SESSION_KEY] = post.pk


def _crisis_prompt(request, thread):
    post_pk = request.session.pop(CRISIS_SESSION_KEY, None)
    if post_pk is None:
        return None
    post = thread.posts.filter(pk=post_pk, author=request.user).first()
    if post is None:
        return None
    return crisis_prompt_context(post.body, request.user, thread.group)


def thread_etag(request, slug, thread_id) -> str | None:
    """Everything a thread page shows that can change, as one digest: the thread's content
    version (raised by every service that changes what it shows: forums.services.touch), the
    group's name and openness, and the reader: who they are, their standing in the group at
    this instant (membership, roles held now, mute), how far they read, whom they muted, their
    content-warning choices and the header's unread count; with the page's address, the
    language, the time zone, the CSRF secret its forms carry and the release. A reload that
    sends it back is answered 304 without building the page. Anything new that a page shows
    for its reader belongs here, or the reader keeps seeing it stale.

    None (the page is built, no 304) when the reader may not read the thread, so that a 304
    never tells an outsider that it exists, and when the page shows something once: a message
    after posting, the crisis prompt."""
    if CRISIS_SESSION_KEY in request.session or len(messages.get_messages(request)):
        return None
    try:
        # The page is then built from the very rows its ETag is made of.
        reading = _reading(request, slug, thread_id)
    except (Http404, PermissionDenied):
        return None
    user, group, thread = _reader(request), reading.group, reading.thread
    facts = (
        settings.RELEASE, get_language(), timezone.get_current_timezone_name(), request.get_full_path(),
        request.META.get("CSRF_COOKIE", ""), user.pk,
        thread.content_version, group.name, group.visibility, permissions.forum_is_public(group),
        group_permissions.is_member(user, group), sorted(moderation_permissions.current_roles(user, group)),
        moderation_permissions.is_muted(user, group), reading.read_up_to, sorted(reading.muted_ids),
        sorted(reading.preferences.items()), unread_count(user),
    )
    return hashlib.sha256(repr(facts).encode()).hexdigest()


@require_GET
@cache_control(private=True, no_cache=True)
@condition(etag_func=thread_etag)
def thread_detail(request, slug, thread_id):
    return _thread_page(request, _reading(request, slug, thread_id))


@login_required
@require_POST
def thread_reply(request, slug, thread_id):
    _group, thread = _thread(request, slug, thread_id, group_permissions.is_member)
    form = ReplyForm(request.POST)
    last_page = selectors.page_of(max(thread.post_count, 1))
    if not form.is_valid():
        return _thread_page(request, _read_for(request, thread), reply_form=form, status=400, page_number=last_page)
    quote_of = None
    if form.cleaned_data["quote_of"]:
        quote_of = thread.posts.filter(number=form.cleaned_data["quote_of"]).first()
    try:
        post = post_services.post_create(actor=request.user, thread=thread, quote_of=quote_of,
                                         **form.service_arguments())
    except DomainError as error:
        status = _failed(form, error)
        return _with_retry_after(_thread_page(request, _read_for(request, thread), reply_form=form, status=status,
                                              page_number=last_page), error)
    _remember_for_crisis_prompt(request, post)
    messages.success(request, _("Votre réponse est publiée."))
    return redirect(_thread_url(thread, post.number))


@login_required
@require_POST
def thread_moderate(request, slug, thread_id):
    _group, thread = _thread(request, slug, thread_id)
    if not permissions.can_moderate_thread(request.user, thread):
        raise PermissionDenied
    form = ThreadModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cette action n'est pas reconnue."))
        return _thread_page(request, _read_for(request, thread), status=400)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == "slow_mode":
            moderation_services.slow_mode_set(actor=request.user, thread=thread,
                                              seconds=form.cleaned_data["slow_mode_seconds"], reason=reason)
        else:
            service = getattr(moderation_services, f"thread_{action}")
            service(actor=request.user, thread=thread, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
        return _thread_page(request, _read_for(request, thread), status=error.status)
    messages.success(request, _("C'est fait ; l'action est inscrite au journal de modération."))
    return redirect(_thread_url(thread))


# --- Posts -------------------------------------------------------------------------------------

@require_GET
def post_permalink(request, slug, thread_id, number):
    _group, thread, post = _post(request, slug, thread_id, number)
    return redirect(_thread_url(thread, post.number))


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, slug, thread_id, number):
    group, thread, post = _post(request, slug, thread_id, number)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied
    status = 200
    if request.method == "GET":
        form = EditForm(initial={"body": post.body, "content_warnings": post.content_warnings,
                                 "other_warning": post.other_warning})
    else:
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                post_services.post_edit(actor=request.user, post=post, **form.service_arguments())
            except DomainError as error:
                status = _failed(form, error)
            else:
                _remember_for_crisis_prompt(request, post)
                messages.success(request, _("Votre message est modifié ; la version précédente reste dans son historique."))
                return redirect(_thread_url(thread, post.number))
        else:
            status = 400
    return render(request, "forums/post_edit.html", {"group": group, "thread": thread, "post": post, "form": form},
                  status=status)


@require_GET
def post_history(request, slug, thread_id, number):
    group, thread, post = _post(request, slug, thread_id, number)
    if not permissions.can_view_history(request.user, post):
        raise PermissionDenied
    return render(request, "forums/post_history.html", {
        "group": group, "thread": thread, "post": post, "revisions": list(post.revisions.all()),
    })


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, slug, thread_id, number):
    group, thread, post = _post(request, slug, thread_id, number)
    if not permissions.can_delete_post(request.user, post):
        raise PermissionDenied
    if request.method == "POST":
        try:
            post_services.post_delete(actor=request.user, post=post)
        except DomainError as error:
            messages.error(request, error.message)
            return render(request, "forums/post_delete.html", {"group": group, "thread": thread, "post": post},
                          status=error.status)
        messages.success(request, _("Votre message est supprimé."))
        return redirect(_thread_url(thread, post.number))
    return render(request, "forums/post_delete.html", {"group": group, "thread": thread, "post": post})


@login_required
@require_POST
def post_react(request, slug, thread_id, number):
    _group, thread, post = _post(request, slug, thread_id, number)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cette réaction n'existe pas."))
        return _thread_page(request, _read_for(request, thread), status=400, page_number=selectors.page_of(post.number))
    service = reaction_services.reaction_remove if form.cleaned_data["remove"] else reaction_services.reaction_add
    try:
        service(actor=request.user, post=post, kind=form.cleaned_data["kind"])
    except DomainError as error:
        messages.error(request, error.message)
        return _thread_page(request, _read_for(request, thread), status=error.status,
                            page_number=selectors.page_of(post.number))
    return redirect(_thread_url(thread, post.number))


@login_required
@require_http_methods(["GET", "POST"])
def post_reveal(request, slug, thread_id, number):
    group, thread, post = _post(request, slug, thread_id, number)
    if not permissions.can_reveal_author(request.user, post):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    context = {"group": group, "thread": thread, "post": post, "form": form, "author": None}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            context["author"] = moderation_services.post_reveal_author(
                actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except DomainError as error:
            status = _failed(form, error)
    elif request.method == "POST":
        status = 400
    return render(request, "forums/post_reveal.html", context, status=status)


# --- Settings ----------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def forum_settings(request, slug):
    group = _forum(request, slug, permissions.can_update_forum_settings)
    status = 200
    if request.method == "GET":
        form = ForumSettingsForm(initial={"readable_by_anyone": permissions.forum_is_public(group)})
    else:
        form = ForumSettingsForm(request.POST)
        form.is_valid()
        try:
            settings_services.forum_settings_update(
                actor=request.user, group=group, readable_by_anyone=form.cleaned_data.get("readable_by_anyone", False))
        except DomainError as error:
            status = _failed(form, error)
        else:
            messages.success(request, _("Les réglages du forum sont enregistrés."))
            return redirect("forum_threads", slug=group.slug)
    return render(request, "forums/forum_settings.html", {"group": group, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def warning_preferences(request):
    current = selectors.warning_preferences(request.user)
    status = 200
    if request.method == "GET":
        form = WarningPreferencesForm(current=current)
    else:
        form = WarningPreferencesForm(request.POST, current=current)
        if form.is_valid():
            try:
                settings_services.cw_preferences_set(actor=request.user, choices=form.cleaned_data)
            except DomainError as error:
                status = _failed(form, error)
            else:
                messages.success(request, _("Vos préférences sont enregistrées."))
                return redirect("forum_warning_preferences")
        else:
            status = 400
    return render(request, "forums/warning_preferences.html", {"form": form}, status=status)


# --- Watching ----------------------------------------------------------------------------------

def _watch(request, *, group, thread=None):
    target = {"thread": thread} if thread is not None else {"group": group}
    status = 200
    if request.method == "POST":
        form = WatchForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["action"] == "watch":
                    if thread is not None:
                        watching_services.subscription_watch_thread(actor=request.user, thread=thread)
                    else:
                        watching_services.subscription_watch_forum(actor=request.user, group=group)
                    messages.success(request, _("C'est noté : vous serez prévenu·e."))
                else:
                    watching_services.subscription_stop(actor=request.user, **target)
                    messages.success(request, _("Vous ne suivez plus ce que vous suiviez ici."))
            except DomainError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                return redirect(request.path)
        else:
            status = 400
    context = {"group": group, "thread": thread, "watching": selectors.is_watching(request.user, **target)}
    return render(request, "forums/watch.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def watch_forum(request, slug):
    return _watch(request, group=_forum(request, slug, permissions.can_watch_forum))


@login_required
@require_http_methods(["GET", "POST"])
def watch_thread(request, slug, thread_id):
    group, thread = _thread(request, slug, thread_id, permissions.can_watch_forum)
    return _watch(request, group=group, thread=thread)
