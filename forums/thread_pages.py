"""A thread page is kept whole for each reader and served again while nothing it shows has changed.

Members come back to the same thread again and again (a reload, the back button, a link from a
notification). Building the page costs a dozen queries and the templates; asking whether it
changed costs three prepared statements (entraide.prepared):

- the page's state, in one row: the thread's content version (raised by every service that
  changes a post, a reaction, the thread's state or a name shown in it: forums.services.touch),
  its post count, the group's name, slug and openness, and the reader's standing there asked
  at this instant: membership, current roles, group mute, read mark and unread notifications;
- the members the reader muted, and their content-warning choices.

The page is kept under a digest of all that, the reader, the full path (the language form
sends it back), the language, the time zone and the release (entraide.release). Any change
is a new key: there is nothing to invalidate, and roles or mutes that end by the clock are
read at the instant they are asked. A page is kept only if the state read again after
rendering is the one it was rendered for, so a write that raced the rendering is never
served under the older key.

Access is asked of the permissions, as on every page: the state primes the caches they
already keep for the request. Requests that show something once (a message after a post,
the crisis prompt, a quote to reply to) are rendered and not kept. CSRF tokens are per
request: the kept page holds a slot that the request's token fills."""

import datetime
import hashlib
import re
import zlib
from dataclasses import dataclass

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from entraide import permissions as group_permissions
from entraide.models import Group, Membership
from entraide.prepared import PreparedQuery
from entraide.release import render_salt
from moderation import permissions as moderation_permissions
from moderation.models import RoleKind
from moderation.safety_selectors import muted_author_ids

from . import permissions
from .models import ForumSettings, Thread
from .notification_selectors import remember_unread_count, unread_count_query
from .selectors import POSTS_PER_PAGE, read_mark, warning_preferences
from .services.posts import thread_mark_read

TIMEOUT = 60 * 60
_CACHEABLE_QUERY = re.compile(r"(?:page=[1-9][0-9]{0,5})?")
_CSRF_FIELD = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
_CSRF_SLOT = "\x00csrf-token-of-the-request\x00"
_HOLDS = {kind: f"holds_{kind}" for kind in RoleKind.values}


def _page_state_query(*, slug, thread_id, reader_id, now):
    group = OuterRef("group")
    return (
        Thread.objects.filter(pk=thread_id, group__slug=slug)
        .order_by()
        .annotate(
            is_member=Exists(Membership.objects.filter(group=group, user=reader_id)),
            last_read=Subquery(read_mark(reader_id, OuterRef("pk"))[:1]),
            unread=Subquery(unread_count_query(reader_id)),
            muted_until=Subquery(moderation_permissions.mute_ends(group, reader_id).values("until")[:1]),
            **{
                column: Exists(moderation_permissions.current_holdings(group, reader_id, now).filter(role=kind))
                for kind, column in _HOLDS.items()
            },
        )
        .values(
            "pk", "content_version", "post_count", "group_id", "group__name", "group__visibility",
            "group__forum_settings__readable_by_anyone", "is_member", "last_read", "unread", "muted_until",
            *_HOLDS.values(),
        )
    )


_PAGE_STATE = PreparedQuery(_page_state_query, slug=str, thread_id=int, reader_id=int, now=datetime.datetime)


def _group_of(state: dict, slug: str) -> Group:
    """The group as the permissions read it: visibility and forum settings."""
    group = Group(pk=state["group_id"], slug=slug, name=state["group__name"], visibility=state["group__visibility"])
    readable = state["group__forum_settings__readable_by_anyone"]
    settings = None if readable is None else ForumSettings(group=group, readable_by_anyone=readable)
    Group.forum_settings.related.set_cached_value(group, settings)
    return group


@dataclass
class Lookup:
    """What thread_detail needs: the kept page, or the key to keep the one it renders."""

    response: HttpResponse | None = None
    key: str | None = None


def _key(request, user, slug: str, thread_id: int) -> tuple[str | None, dict | None, Group | None]:
    """The page's key for this reader now, or None if the page is not theirs to read this way."""
    now = timezone.now()
    signed_in = user.is_authenticated
    state = _PAGE_STATE.first(slug=slug, thread_id=thread_id, reader_id=user.pk if signed_in else 0, now=now)
    if state is None:
        return None, None, None
    group = _group_of(state, slug)
    if signed_in:
        group_permissions.remember_membership(user, group, state["is_member"])
        moderation_permissions.remember_standing(
            user, group, roles=[kind for kind, column in _HOLDS.items() if state[column]],
            muted_until=state["muted_until"],
        )
        remember_unread_count(user, state["unread"] or 0)
    if not (group_permissions.can_view_group(user, group) and permissions.can_read_forum(user, group)):
        return None, None, None
    reader = (
        user.pk if signed_in else 0,
        sorted(moderation_permissions.current_roles(user, group)),
        moderation_permissions.is_muted(user, group, now),
        sorted(muted_author_ids(user)),
        sorted(warning_preferences(user).items()),
    )
    facts = repr((render_salt(), request.get_full_path(), sorted(state.items()), reader))
    return "thread-page:" + hashlib.md5(facts.encode(), usedforsecurity=False).hexdigest(), state, group


def reader(request):
    """The signed-in member (or AnonymousUser) itself: request.user is a lazy proxy whose every
    attribute read goes through a method call, and a thread page reads it hundreds of times."""
    user = request.user
    user.is_authenticated  # noqa: B018 (loads it)
    return getattr(user, "_wrapped", user)


def lookup(request, slug: str, thread_id: int, *, cacheable: bool) -> Lookup:
    """The kept page if there is one for this reader and state; else the key to keep it under."""
    if not cacheable or not _CACHEABLE_QUERY.fullmatch(request.META.get("QUERY_STRING", "")):
        return Lookup()
    if len(messages.get_messages(request)):
        return Lookup()
    user = reader(request)
    key, state, group = _key(request, user, slug, thread_id)
    if key is None:
        return Lookup()
    kept = cache.get(key)
    if kept is None:
        return Lookup(key=key)
    html = zlib.decompress(kept).decode()
    page = Paginator(range(1, state["post_count"] + 1), POSTS_PER_PAGE).get_page(request.GET.get("page"))
    last_shown = page.object_list[-1] if page.object_list else 0
    if user.is_authenticated and last_shown > (state["last_read"] or 0):
        thread = Thread(pk=state["pk"], group=group)
        thread_mark_read(actor=user, thread=thread, number=last_shown)
    return Lookup(response=HttpResponse(html.replace(_CSRF_SLOT, get_token(request))))


def keep(found: Lookup, request, slug: str, thread_id: int, response: HttpResponse) -> None:
    """Keep the page just rendered, if the state it was rendered for still holds."""
    if found.key is None or response.status_code != 200:
        return
    key, _state, _group = _key(request, reader(request), slug, thread_id)
    if key != found.key:
        return
    html = _CSRF_FIELD.sub(lambda match: match.group(1) + _CSRF_SLOT + match.group(2), response.content.decode())
    # Compressed: a 60 kB page keeps in about 4 kB, and opens in some 40 µs.
    cache.set(key, zlib.compress(html.encode()), TIMEOUT)
