"""The thread page as every forum view that shows it builds it: the thread with what it shows
of its reader, the reply form, the moderation tools, the crisis prompt after posting.

What the page knows of its reader is read once per request (`Reading`), first by the ETag
(forums.views.threads.thread_etag), then by the page itself."""

from dataclasses import dataclass

from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from entraide import ids
from entraide.errors import refusal
from entraide.standing import Standing
from entraide.views.access import access_group
from moderation import permissions as moderation_permissions
from moderation.crisis import crisis_prompt_context

from .. import permissions, selectors
from ..forms import ReplyForm, ThreadModerationForm
from ..models import Thread
from ..post_fragments import post_fragments
from ..services import moderation as moderation_services
from ..services import posts as post_services


def thread_url(thread, number=None) -> str:
    url = reverse("forum_thread", kwargs={"slug": thread.group.slug, "thread_id": thread.pk})
    if number is None:
        return url
    return f"{url}?page={selectors.page_of(number)}#post-{number}"


def form_failed(form, error):
    form.add_error(None, error.message)
    return error.status


def with_retry_after(response, error):
    """Flood control and slow mode say when writing works again."""
    if getattr(error, "retry_after", None):
        response["Retry-After"] = str(error.retry_after)
    return response


@dataclass(frozen=True)
class Reading:
    """A thread and what its page shows of the reader: their standing in the group (who they
    are, their roles, a mute, whom they silenced), how far they read, their warning choices."""

    standing: Standing
    thread: Thread
    preferences: dict

    @property
    def group(self):
        return self.standing.group

    @property
    def read_up_to(self) -> int:
        return self.thread.read_up_to


def reading_of(standing: Standing, thread: Thread) -> Reading:
    return Reading(standing=standing, thread=thread, preferences=selectors.warning_preferences(standing.user))


def reading(request, slug, thread_id) -> Reading:
    """The thread as its reader may read it, read once for the request: the forum's 404 or
    403 come first, so that no thread is told to exist to someone who may not read it."""
    kept = getattr(request, "forum_reading", None)
    if kept is None:
        standing = access_group(request, slug, check=permissions.check_read_forum, queryset=selectors.forum_groups())
        kept = request.forum_reading = reading_of(standing, selectors.thread_in(standing, thread_id))
    return kept


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


def thread_page(request, reading: Reading, *, reply_form=None, status=200, page_number=None):
    standing, group, thread = reading.standing, reading.group, reading.thread
    context = selectors.thread_page(thread, standing, page_number or request.GET.get("page"),
                                    preferences=reading.preferences, read_up_to=reading.read_up_to)
    reply_refusal = refusal(permissions.check_reply, standing, thread)
    can_reply = not reply_refusal
    blank_reply_fields = ""
    if reply_form is None and can_reply:
        initial = _quote_initial(request, thread)
        if initial:
            reply_form = ReplyForm(initial=initial)
        else:
            blank_reply_fields = _blank_reply_fields()
    can_moderate = moderation_permissions.can_moderate(standing)
    context.update(
        group=group, thread=thread, reply_form=reply_form, blank_reply_fields=blank_reply_fields, can_reply=can_reply,
        # Said to members, and to anyone when the thread is locked; an outsider is not told to join.
        reply_notice=reply_refusal if standing.is_member or thread.is_locked else "",
        can_moderate=can_moderate,
        moderation_form=ThreadModerationForm(initial={"slow_mode_seconds": thread.slow_mode_seconds})
        if can_moderate else None,
        slow_mode_label=moderation_services.slow_mode_label(thread.slow_mode_seconds),
        crisis_prompt=_crisis_prompt(request, thread),
    )
    shown = context["page"].object_list
    context["post_fragments"] = post_fragments(shown, group=group, thread=thread, standing=standing,
                                               can_reply=can_reply, csrf_token=lambda: get_token(request))
    if status == 200 and standing.is_member and shown and shown[-1].number > context["last_read"]:
        post_services.thread_mark_read(actor=standing.user, thread=thread, number=shown[-1].number)
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


def remember_for_crisis_prompt(request, post) -> None:
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
