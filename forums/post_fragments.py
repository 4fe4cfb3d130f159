"""A thread page renders each post once and then reuses it.

The HTML of a post (templates/forums/_post.html) is kept in Django's cache under the post's
id, the release (settings.RELEASE), the active language and time zone, and a digest of
everything the template is given: the post's text and state, its reactions and who made them,
the author's name, what this reader sees of it (their own post, unread, muted, warning choice,
what they may do) and its links. That digest is the post's version as this reader sees it:
members who see a post the same way share one rendering; a change to the post, a reaction, a
name or a reader's view is a new key, so there is nothing to invalidate and nothing can be
shown stale. CSRF tokens are per request: a fragment holds a slot that the request's token
replaces."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

TEMPLATE = "forums/_post.html"
# Unused fragments simply expire: keys are never reused for other content.
TIMEOUT = 7 * 24 * 60 * 60
_NUMBER = 987654321
_CSRF_TOKEN_SLOT = "csrf-token-of-the-request"
_CSRF_INPUT = str(format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', _CSRF_TOKEN_SLOT))


class _Links:
    """Each URL reversed once per page; a post's own is its number put in place."""

    def __init__(self, group, thread):
        def pattern(name, *args):
            head, _number, tail = reverse(name, args=[*args, _NUMBER]).rpartition(str(_NUMBER))
            return head + "{}" + tail

        post_args = (group.slug, thread.pk)
        self.post = pattern("forum_post", *post_args)
        self.history = pattern("forum_post_history", *post_args)
        self.react = pattern("forum_post_react", *post_args)
        self.edit = pattern("forum_post_edit", *post_args)
        self.delete = pattern("forum_post_delete", *post_args)
        self.reveal = pattern("forum_post_reveal", *post_args)
        self.report = pattern("group_report", group.slug, "post")
        self.hide = pattern("group_content_hide", group.slug, "post")
        self.restore = pattern("group_content_restore", group.slug, "post")


def _inputs(post, links: _Links, *, signed_in: bool, can_reply: bool) -> dict:
    """Everything _post.html shows, as plain values: the fragment is a function of this alone."""
    number, pk = post.number, post.pk
    shows_actions = not post.is_deleted and not post.is_hidden and not post.is_muted
    reactions = post.reaction_summary
    visibility_url = ""
    if post.can_hide:
        visibility_url = (links.restore if post.is_hidden else links.hide).format(pk)
    return {
        "number": number,
        "url": links.post.format(number),
        "is_anonymous": post.is_anonymous,
        # An anonymous post's author is in neither the fragment nor its key.
        "author": None if post.is_anonymous else {"display_name": str(post.author.display_name)},
        "is_mine": post.is_mine,
        "created_at": post.created_at,
        "is_new": post.is_unread and signed_in and not post.is_mine,
        "is_edited": bool(post.edited_at) and not post.is_deleted,
        "history_url": links.history.format(number) if post.can_view_history else "",
        "quote_number": post.quote_number,
        "quote_url": links.post.format(post.quote_number) if post.quote_number and not post.is_deleted else "",
        "is_deleted": post.is_deleted,
        "is_hidden": post.is_hidden,
        "is_muted": post.is_muted,
        "body_html": post.body_html,
        "warnings": ", ".join(str(label) for label in post.warning_labels),
        "warning_mode": str(post.warning_mode),
        "shows_actions": shows_actions,
        "reactions": reactions,
        "react_url": links.react.format(number) if post.can_react else "",
        "shows_reactors": post.can_see_reactors and any(reaction["count"] for reaction in reactions),
        "quote_link": f"?quote={number}#reply" if can_reply else "",
        "edit_url": links.edit.format(number) if post.can_edit else "",
        "delete_url": links.delete.format(number) if post.can_delete else "",
        "report_url": links.report.format(pk) if post.can_report else "",
        "reveal_url": links.reveal.format(number) if post.can_reveal else "",
        "visibility_url": visibility_url,
    }


def post_fragments(posts, *, group, thread, standing, can_reply: bool, csrf_token) -> list[SafeString]:
    """The HTML of each post, in order, for the reader whose standing in the group set the
    posts' flags (forums.selectors.thread_page). `csrf_token` is called only if a fragment has
    a form."""
    links = _Links(group, thread)
    signed_in = standing.is_signed_in
    inputs = [_inputs(post, links, signed_in=signed_in, can_reply=can_reply) for post in posts]
    prefix = f"forum-post:{settings.RELEASE}:{translation.get_language()}:{timezone.get_current_timezone_name()}"
    keys = [
        f"{prefix}:{post.pk}:{hashlib.md5(repr(item).encode(), usedforsecurity=False).hexdigest()}"
        for post, item in zip(posts, inputs, strict=True)
    ]
    found = cache.get_many(keys) if keys else {}
    rendered = {}
    template = None
    fragments = []
    for key, item in zip(keys, inputs):
        html = found.get(key)
        if html is None:
            template = template or get_template(TEMPLATE)
            html = rendered[key] = str(template.render({"post": item, "csrf_token": _CSRF_TOKEN_SLOT}))
        fragments.append(html)
    if rendered:
        cache.set_many(rendered, TIMEOUT)
    token_input = None
    shown = []
    for html in fragments:
        if _CSRF_INPUT in html:
            if token_input is None:
                token_input = str(format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
                                              csrf_token()))
            html = html.replace(_CSRF_INPUT, token_input)
        # Rendered by our template with autoescaping; the cache holds only what it produced.
        shown.append(mark_safe(html))  # noqa: S308
    return shown
