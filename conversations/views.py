"""Private conversation pages. Only the two members see a conversation: anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from entraide.errors import DomainError

from . import permissions, selectors, services
from .forms import PrivateMessageForm


@login_required
@require_GET
def conversation_list(request):
    context = selectors.conversation_list(request.user, request.GET.get("page"))
    return render(request, "conversations/list.html", context)


def _message_url(message) -> str:
    return f"{message.conversation.get_absolute_url()}#message-{message.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def conversation_new(request, member_pk):
    other = selectors.recipient(member_pk)
    existing = selectors.existing_conversation(request.user, other)
    if existing is not None and request.method == "GET":
        return redirect(existing.get_absolute_url())
    form, status, refusal = PrivateMessageForm(request.POST or None), 200, ""
    if request.method == "POST":
        if form.is_valid():
            try:
                message = services.conversation_start(actor=request.user, other=other, body=form.cleaned_data["body"])
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Votre message est envoyé."))
                return redirect(_message_url(message))
        else:
            status = 400
    else:
        try:
            permissions.check_write_privately(request.user, other)
        except DomainError as error:
            refusal, status = error.message, error.status
    return render(request, "conversations/new.html",
                  {"other": other, "form": form, "refusal": refusal}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def conversation_detail(request, pk):
    conversation = selectors.conversation_for(request.user, pk)
    form, status = PrivateMessageForm(request.POST or None), 200
    if request.method == "POST":
        if form.is_valid():
            try:
                message = services.message_send(actor=request.user, conversation=conversation,
                                                body=form.cleaned_data["body"])
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect(_message_url(message))
        else:
            status = 400
    context = selectors.conversation_page(conversation, request.user, request.GET.get("page"))
    if status == 200:
        services.conversation_mark_read(actor=request.user, conversation=conversation)
    context.update(conversation=conversation, other=conversation.other, form=form)
    return render(request, "conversations/detail.html", context, status=status)
