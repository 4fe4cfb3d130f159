"""Threads and posts: start, reply, edit, delete, and how far a member has read."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError
from entraide.permissions import check_member
from entraide.standing import read_standing
from entraide.text import render_markdown
from moderation.limits import flood_check
from notifications.services import notifications_mark_read_about, notifications_withdraw

from .. import permissions
from ..models import Mention, Post, PostRevision, Reaction, Thread, ThreadRead
from ..search import post_search_index
from .text import clean_body, clean_title, clean_warnings, mentioned_members
from .touch import threads_touch
from .watching import notifications_for_post


def _write_post(*, actor, thread: Thread, body, is_anonymous, warnings, other_warning, quote_of, now,
                first=False) -> Post:
    """Store a post under the thread's next number. A new thread was created already counting it."""
    number = 1 if first else thread.post_count + 1
    post = Post.objects.create(
        thread=thread,
        group=thread.group,
        number=number,
        author=actor,
        is_anonymous=is_anonymous,
        body=body,
        body_html=render_markdown(body),
        content_warnings=warnings,
        other_warning=other_warning,
        quote_of=quote_of,
        created_at=now,
    )
    _store_mentions(post, body, now)
    post_search_index(post)
    transaction.on_commit(lambda: notifications_for_post(post))  # replies, mentions, watchers
    if first:
        ThreadRead.objects.create(member=actor, thread=thread, last_read_post_number=number, updated_at=now)
        return post
    # The new post changes the thread's pages: what threads_touch does, in the same statement.
    Thread.objects.filter(pk=thread.pk).update(post_count=number, last_activity_at=now,
                                               content_version=F("content_version") + 1)
    thread.post_count, thread.last_activity_at = number, now
    # The author has read up to their own post.
    if not ThreadRead.objects.filter(member=actor, thread=thread).update(last_read_post_number=number, updated_at=now):
        ThreadRead.objects.create(member=actor, thread=thread, last_read_post_number=number, updated_at=now)
    return post


def _store_mentions(post: Post, body: str, now) -> None:
    members = mentioned_members(body, post.group, author=post.author)
    if not members:
        return
    known = set(Mention.objects.filter(post=post).values_list("member_id", flat=True))
    Mention.objects.bulk_create(
        [Mention(post=post, member=member, created_at=now) for member in members if member.pk not in known]
    )


@transaction.atomic
def thread_create(*, actor, group, title, body, is_anonymous=False, content_warnings=(), other_warning="",
                  now=None) -> Thread:
    permissions.check_post(read_standing(actor, group))
    now = now or timezone.now()
    title = clean_title(title)
    body = clean_body(body)
    warnings, other_warning = clean_warnings(content_warnings, other_warning)
    flood_check(actor=actor, action="post", now=now)
    thread = Thread.objects.create(
        group=group, title=title, author=actor, is_anonymous=bool(is_anonymous), created_at=now, last_activity_at=now,
        post_count=1,
    )
    _write_post(actor=actor, thread=thread, body=body, is_anonymous=bool(is_anonymous), warnings=warnings,
                other_warning=other_warning, quote_of=None, now=now, first=True)
    return thread


@transaction.atomic
def post_create(*, actor, thread, body, quote_of=None, is_anonymous=False, content_warnings=(), other_warning="",
                now=None) -> Post:
    """A reply, possibly quoting an earlier post of the same thread."""
    standing = read_standing(actor, thread.group)
    # Numbers are handed out one writer at a time (SQLite's IMMEDIATE transactions do the same),
    # and the lock and slow mode are read as they are now.
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    thread.post_count, thread.is_locked, thread.slow_mode_seconds = locked.post_count, locked.is_locked, locked.slow_mode_seconds
    permissions.check_reply(standing, thread)
    now = now or timezone.now()
    if thread.slow_mode_seconds:
        last_posted_at = (Post.objects.filter(thread=thread, author=actor).order_by("-created_at")
                          .values_list("created_at", flat=True).first())
        permissions.check_slow_mode(standing, thread, last_posted_at=last_posted_at, now=now)
    body = clean_body(body)
    warnings, other_warning = clean_warnings(content_warnings, other_warning)
    if quote_of is not None and (quote_of.thread_id != thread.pk or quote_of.is_deleted or quote_of.is_hidden):
        raise DomainError(_("Ce message ne peut pas être cité : il n'est plus visible dans ce sujet."))
    flood_check(actor=actor, action="post", now=now)
    return _write_post(actor=actor, thread=thread, body=body, is_anonymous=bool(is_anonymous), warnings=warnings,
                       other_warning=other_warning, quote_of=quote_of, now=now)


@transaction.atomic
def post_edit(*, actor, post, body, content_warnings=None, other_warning=None, now=None) -> Post:
    """The author changes their post; the version it replaces stays in its history."""
    permissions.check_edit_post(read_standing(actor, post.group), post)
    now = now or timezone.now()
    body = clean_body(body)
    if content_warnings is None:
        warnings, other_warning = post.content_warnings, post.other_warning
    else:
        warnings, other_warning = clean_warnings(content_warnings, other_warning)
    if body == post.body and warnings == post.content_warnings and other_warning == post.other_warning:
        return post
    if body != post.body:
        PostRevision.objects.create(
            post=post, body_html=post.body_html, written_at=post.edited_at or post.created_at, replaced_at=now
        )
        post.body, post.body_html = body, render_markdown(body)
    post.content_warnings, post.other_warning, post.edited_at = warnings, other_warning, now
    post.save(update_fields=["body", "body_html", "content_warnings", "other_warning", "edited_at"])
    threads_touch(thread_ids=[post.thread_id])
    _store_mentions(post, body, now)
    post_search_index(post)
    return post


@transaction.atomic
def post_delete(*, actor, post, now=None) -> Post:
    """The author takes their words back: text, history and reactions go; the post's place
    in the thread stays, shown as deleted by its author, so that numbers and quotes still hold."""
    permissions.check_delete_post(read_standing(actor, post.group), post)
    post.deleted_by_author_at = now or timezone.now()
    post.body = post.body_html = post.other_warning = ""
    post.content_warnings = []
    post.save(update_fields=["deleted_by_author_at", "body", "body_html", "content_warnings", "other_warning"])
    PostRevision.objects.filter(post=post).delete()
    Reaction.objects.filter(post=post).delete()
    Mention.objects.filter(post=post).delete()
    notifications_withdraw(subjects=post)
    post_search_index(post)
    threads_touch(thread_ids=[post.thread_id])
    return post


@transaction.atomic
def thread_mark_read(*, actor, thread, number: int, now=None) -> None:
    """Remember how far a member has read; never moves backwards. The notifications about
    the posts they have now seen are read too."""
    check_member(read_standing(actor, thread.group))
    if number < 1:
        return
    now = now or timezone.now()
    updated = ThreadRead.objects.filter(member=actor, thread=thread, last_read_post_number__lt=number).update(
        last_read_post_number=number, updated_at=now
    )
    if not updated:
        ThreadRead.objects.get_or_create(
            member=actor, thread=thread, defaults={"last_read_post_number": number, "updated_at": now}
        )
    notifications_mark_read_about(actor=actor, subjects=Post.objects.filter(thread=thread, number__lte=number), now=now)
