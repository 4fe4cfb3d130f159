"""Forum pages about threads: the list, a new thread, the thread page, a reply, moderating a
thread. Thin: open the group (entraide.views.access.access_group), validate with a form, call a
selector or a service, render.

Access: an unlisted group's forum answers 404 to anyone outside the group; a listed group's
members-only forum answers 403 with the refusal's message. A refused request re-shows the form
with the member's text."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET, require_http_methods, require_POST

from entraide.errors import DomainError, refusal
from entraide.permissions import check_member
from entraide.selectors.header import header_facts
from entraide.views.access import access_group
from moderation.permissions import check_moderate

from .. import permissions, selectors
from ..forms import ReplyForm, ThreadForm, ThreadModerationForm
from ..services import moderation as moderation_services
from ..services import posts as post_services
from .thread_page import (
    CRISIS_SESSION_KEY, form_failed, reading, reading_of, remember_for_crisis_prompt, thread_page, thread_url,
    with_retry_after,
)


@require_GET
def thread_list(request, slug):
    standing = access_group(request, slug, check=permissions.check_read_forum, queryset=selectors.forum_groups())
    group = standing.group
    context = selectors.thread_list(standing, request.GET.get("page"))
    context.update(
        group=group,
        can_post=permissions.can_post(standing),
        can_update_settings=permissions.can_update_forum_settings(standing),
        is_public=permissions.forum_is_public(group),
    )
    return render(request, "forums/thread_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    standing = access_group(request, slug, check=check_member, queryset=selectors.forum_groups())
    group = standing.group
    status = 200
    if request.method == "GET":
        form = ThreadForm()
    else:
        form = ThreadForm(request.POST)
        if form.is_valid():
            try:
                thread = post_services.thread_create(actor=request.user, group=group, **form.service_arguments())
            except DomainError as error:
                status = form_failed(form, error)
            else:
                remember_for_crisis_prompt(request, thread.posts.get())
                messages.success(request, _("Votre sujet est publié."))
                return redirect(thread_url(thread))
        else:
            status = 400
    context = {"group": group, "form": form, "post_refusal": refusal(permissions.check_post, standing)}
    return render(request, "forums/thread_form.html", context, status=status)


def thread_etag(request, slug, thread_id) -> str | None:
    """Everything a thread page shows that can change, as one digest: the thread's content
    version (raised by every service that changes what it shows: forums.services.touch), the
    group's name and openness, and the reader: their standing in the group at this instant
    (who they are, membership, roles held now, mute, removal), how far they read, whom they
    muted or blocked, their content-warning choices; what the header shows, read once for the
    header and the ETag (entraide.selectors.header); with the page's address, the language,
    the time zone, the CSRF secret its forms carry and the release. A reload that sends it
    back is answered 304 without building the page. Anything new that a page shows for its
    reader belongs here, or the reader keeps seeing it stale.

    None (the page is built, no 304) when the reader may not read the thread, so that a 304
    never tells an outsider that it exists, and when the page shows something once: a message
    after posting, the crisis prompt."""
    if CRISIS_SESSION_KEY in request.session or len(messages.get_messages(request)):
        return None
    try:
        # The page is then built from the very rows its ETag is made of.
        shown = reading(request, slug, thread_id)
    except (Http404, PermissionDenied):
        return None
    standing, group, thread = shown.standing, shown.group, shown.thread
    facts = (
        settings.RELEASE, get_language(), timezone.get_current_timezone_name(), request.get_full_path(),
        request.META.get("CSRF_COOKIE", ""), standing.facts(),
        thread.content_version, group.name, group.visibility, permissions.forum_is_public(group),
        shown.read_up_to, sorted(standing.silenced_ids), sorted(shown.preferences.items()), header_facts(request),
    )
    return hashlib.sha256(repr(facts).encode()).hexdigest()


@require_GET
@cache_control(private=True, no_cache=True)
@condition(etag_func=thread_etag)
def thread_detail(request, slug, thread_id):
    return thread_page(request, reading(request, slug, thread_id))


@login_required
@require_POST
def thread_reply(request, slug, thread_id):
    standing = access_group(request, slug, check=check_member, queryset=selectors.forum_groups())
    thread = selectors.thread_in(standing, thread_id)
    form = ReplyForm(request.POST)
    last_page = selectors.page_of(max(thread.post_count, 1))
    if not form.is_valid():
        return thread_page(request, reading_of(standing, thread), reply_form=form, status=400, page_number=last_page)
    quote_of = None
    if form.cleaned_data["quote_of"]:
        quote_of = thread.posts.filter(number=form.cleaned_data["quote_of"]).first()
    try:
        post = post_services.post_create(actor=request.user, thread=thread, quote_of=quote_of,
                                         **form.service_arguments())
    except DomainError as error:
        status = form_failed(form, error)
        return with_retry_after(thread_page(request, reading_of(standing, thread), reply_form=form, status=status,
                                            page_number=last_page), error)
    remember_for_crisis_prompt(request, post)
    messages.success(request, _("Votre réponse est publiée."))
    return redirect(thread_url(thread, post.number))


@login_required
@require_POST
def thread_moderate(request, slug, thread_id):
    standing = access_group(request, slug, check=check_moderate, queryset=selectors.forum_groups())
    thread = selectors.thread_in(standing, thread_id)
    form = ThreadModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cette action n'est pas reconnue."))
        return thread_page(request, reading_of(standing, thread), status=400)
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
        return thread_page(request, reading_of(standing, thread), status=error.status)
    messages.success(request, _("C'est fait ; l'action est inscrite au journal de modération."))
    return redirect(thread_url(thread))
