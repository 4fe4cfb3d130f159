"""Forum pages about one post: its permalink, editing, its history, deleting, reacting and
revealing an anonymous author. Each finds the post in a thread of the group it opened
(entraide.views.access.access_group): 404 otherwise. A check that refuses raises its own 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError
from entraide.views.access import access_group

from .. import permissions, selectors
from ..forms import EditForm, ReactionForm, ReasonForm
from ..services import moderation as moderation_services
from ..services import posts as post_services
from ..services import reactions as reaction_services
from .thread_page import form_failed, reading_of, remember_for_crisis_prompt, thread_page, thread_url


def _post_of(request, slug, thread_id, number):
    """The post in its thread of a group whose forum the visitor may read; with their standing."""
    standing = access_group(request, slug, check=permissions.check_read_forum, queryset=selectors.forum_groups())
    thread = selectors.thread_in(standing, thread_id)
    return standing, thread, selectors.post_in(thread, number)


@require_GET
def post_permalink(request, slug, thread_id, number):
    _standing, thread, post = _post_of(request, slug, thread_id, number)
    return redirect(thread_url(thread, post.number))


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, slug, thread_id, number):
    standing, thread, post = _post_of(request, slug, thread_id, number)
    permissions.check_edit_post(standing, post)
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
                status = form_failed(form, error)
            else:
                remember_for_crisis_prompt(request, post)
                messages.success(request, _("Votre message est modifié ; la version précédente reste dans son historique."))
                return redirect(thread_url(thread, post.number))
        else:
            status = 400
    return render(request, "forums/post_edit.html",
                  {"group": standing.group, "thread": thread, "post": post, "form": form}, status=status)


@require_GET
def post_history(request, slug, thread_id, number):
    standing, thread, post = _post_of(request, slug, thread_id, number)
    permissions.check_view_history(standing, post)
    return render(request, "forums/post_history.html", {
        "group": standing.group, "thread": thread, "post": post, "revisions": list(post.revisions.all()),
    })


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, slug, thread_id, number):
    standing, thread, post = _post_of(request, slug, thread_id, number)
    permissions.check_delete_post(standing, post)
    context = {"group": standing.group, "thread": thread, "post": post}
    if request.method == "POST":
        try:
            post_services.post_delete(actor=request.user, post=post)
        except DomainError as error:
            messages.error(request, error.message)
            return render(request, "forums/post_delete.html", context, status=error.status)
        messages.success(request, _("Votre message est supprimé."))
        return redirect(thread_url(thread, post.number))
    return render(request, "forums/post_delete.html", context)


@login_required
@require_POST
def post_react(request, slug, thread_id, number):
    standing, thread, post = _post_of(request, slug, thread_id, number)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cette réaction n'existe pas."))
        return thread_page(request, reading_of(standing, thread), status=400, page_number=selectors.page_of(post.number))
    service = reaction_services.reaction_remove if form.cleaned_data["remove"] else reaction_services.reaction_add
    try:
        service(actor=request.user, post=post, kind=form.cleaned_data["kind"])
    except DomainError as error:
        messages.error(request, error.message)
        return thread_page(request, reading_of(standing, thread), status=error.status,
                           page_number=selectors.page_of(post.number))
    return redirect(thread_url(thread, post.number))


@login_required
@require_http_methods(["GET", "POST"])
def post_reveal(request, slug, thread_id, number):
    standing, thread, post = _post_of(request, slug, thread_id, number)
    permissions.check_reveal_author(standing, post)
    form = ReasonForm(request.POST or None)
    context = {"group": standing.group, "thread": thread, "post": post, "form": form, "author": None}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            context["author"] = moderation_services.post_reveal_author(
                actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except DomainError as error:
            status = form_failed(form, error)
    elif request.method == "POST":
        status = 400
    return render(request, "forums/post_reveal.html", context, status=status)
