"""The reads forum pages need, each with a fixed number of queries whatever the size of the forum."""

from django.core.paginator import Paginator
from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404

from entraide import ids
from entraide.models import Group, User
from entraide.selectors.memberships import GroupNames

from . import permissions
from .models import (
    ContentWarning, ContentWarningPreference, Post, Reaction, ReactionKind, Story, StoryStatus, Subscription, Thread,
    ThreadRead, WarningChoice,
)


THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 20


def forum_groups():
    """Groups as forum pages open them (entraide.views.access.access_group's queryset): with
    the forum's settings, which say whether anyone may read it."""
    return Group.objects.select_related("forum_settings")


def thread_in(standing, thread_id: int) -> Thread:
    """The thread of the reader's group (404 if the group has none of that id) and, in the
    same query, how far a member read it: `thread.read_up_to`, 0 when they have not, or for
    anyone else (a former member's old mark no longer counts)."""
    group = standing.group
    # No page that opens a thread shows its author (the list of threads reads its own).
    threads = Thread.objects.all()
    if standing.is_member:
        # A join on the member's read mark (one at most per thread): cheaper to build than a subquery.
        threads = threads.annotate(own_read=FilteredRelation("reads", condition=Q(reads__member=standing.user)))
        threads = threads.annotate(read_up_to=F("own_read__last_read_post_number"))
    thread = get_object_or_404(threads, group=group, pk=thread_id)
    thread.group = group
    thread.read_up_to = getattr(thread, "read_up_to", None) or 0
    return thread


def post_in(thread: Thread, number: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("author"), thread=thread, number=number)
    post.thread, post.group = thread, thread.group
    return post


def page_of(number: int) -> int:
    return (number - 1) // POSTS_PER_PAGE + 1


def read_mark(member, thread):
    """How far the member has read the thread, as a one-column query (no row: nothing read)."""
    return ThreadRead.objects.filter(member=member, thread=thread).values("last_read_post_number")


def thread_list(standing, page_number) -> dict:
    """A page of the group's threads; for a member, how many posts of each they have not read."""
    group = standing.group
    threads = Thread.objects.filter(group=group).select_related("author")
    if standing.is_member:
        threads = threads.annotate(
            last_read=Subquery(read_mark(standing.user, OuterRef("pk"))[:1])
        )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for thread in page.object_list:
        thread.group = group
        last_read = getattr(thread, "last_read", None)
        thread.unread_count = None if not hasattr(thread, "last_read") else thread.post_count - (last_read or 0)
        thread.first_unread = (last_read or 0) + 1
    return {"page": page}


def warning_preferences(user) -> dict:
    """The reader's choice per content warning."""
    if not (user and user.is_authenticated):
        return {}
    return dict(ContentWarningPreference.objects.filter(member=user).values_list("warning", "choice"))


def warning_mode(post: Post, preferences: dict) -> str:
    """How a post with warnings shows for this reader: the most careful of their choices wins."""
    choices = {preferences.get(warning, WarningChoice.ASK) for warning in post.content_warnings}
    for mode in (WarningChoice.HIDE, WarningChoice.ASK, WarningChoice.SHOW):
        if mode in choices:
            return mode
    return WarningChoice.SHOW


def warning_labels(post: Post) -> list[str]:
    labels = []
    for warning in post.content_warnings:
        if warning == ContentWarning.OTHER and post.other_warning:
            labels.append(post.other_warning)
        else:
            labels.append(ContentWarning(warning).label)
    return labels


def _reaction_summaries(posts: list[Post], reader_id) -> dict[int, list[dict]]:
    """Counts, who reacted and whether this reader did, per post and kind, from one light query:
    five columns per reaction rather than each reaction and its member as objects."""
    rows = (
        Reaction.objects.filter(post_id__in=[post.pk for post in posts])
        .order_by("created_at", "pk")
        .values_list("post_id", "kind", "member_id", "member__pseudonym", "member__deleted_at")
    )
    by_post: dict[int, dict[str, list]] = {}
    former_member = None
    for post_id, kind, member_id, pseudonym, deleted_at in rows:
        if deleted_at is not None and former_member is None:
            former_member = User(deleted_at=deleted_at).display_name
        by_kind = by_post.setdefault(post_id, {})
        by_kind.setdefault(kind, []).append((member_id, former_member if deleted_at is not None else pseudonym))
    kinds = [(kind.value, str(kind.label)) for kind in ReactionKind]
    summaries = {}
    for post in posts:
        by_kind = by_post.get(post.pk, {})
        summaries[post.pk] = [
            {
                "kind": value,
                "label": label,
                "count": len(by_kind.get(value, ())),
                "names": [name for _member_id, name in by_kind.get(value, ())],
                "mine": any(member_id == reader_id for member_id, _name in by_kind.get(value, ())),
            }
            for value, label in kinds
        ]
    return summaries


# What the thread page shows of a post; the Markdown source and the quoted post's text stay in the database.
_PAGE_COLUMNS = (
    "thread", "group", "number", "author", "is_anonymous", "body_html", "content_warnings", "other_warning",
    "created_at", "edited_at", "deleted_by_author_at", "hidden_at", "author__pseudonym", "author__deleted_at",
)


def thread_page(thread: Thread, standing, page_number, *, preferences, read_up_to) -> dict:
    """One page of posts, each with what this reader sees of it and may do with it, from their
    standing in the group (which also says whom they muted or blocked), their content-warning
    choices (`preferences`) and how far they read (`read_up_to`)."""
    posts = (
        Post.objects.filter(thread=thread)
        .select_related("author")
        .only(*_PAGE_COLUMNS)
        .annotate(quote_number=F("quote_of__number"))
        .order_by("number")
    )
    paginator = Paginator(posts, POSTS_PER_PAGE)
    # Posts are numbered from 1 without gaps and never removed (a deleted post keeps its place),
    # so the thread's counter is their number: no COUNT query.
    paginator.count = thread.post_count
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    reader_id = standing.user_id
    silenced_ids = standing.silenced_ids
    can_see_reactors = permissions.can_see_reactors(standing)
    summaries = _reaction_summaries(page.object_list, reader_id)
    for post in page.object_list:
        post.thread, post.group = thread, thread.group
        post.is_mine = reader_id is not None and post.author_id == reader_id
        # Anonymous posts are never hidden as "muted": that would tell who wrote them.
        post.is_muted = not post.is_anonymous and post.author_id in silenced_ids
        post.warning_mode = warning_mode(post, preferences) if post.content_warnings else WarningChoice.SHOW
        post.warning_labels = warning_labels(post)
        post.reaction_summary = summaries[post.pk]
        post.can_edit = permissions.can_edit_post(standing, post)
        post.can_delete = permissions.can_delete_post(standing, post)
        post.can_react = permissions.can_react(standing, post)
        post.can_see_reactors = can_see_reactors
        post.can_view_history = permissions.can_view_history(standing, post)
        post.can_reveal = permissions.can_reveal_author(standing, post)
        post.can_hide = permissions.can_hide_post(standing, post)
        post.can_report = permissions.can_report_post(standing, post)
        post.is_unread = post.number > read_up_to
    return {"page": page, "last_read": read_up_to}


def is_watching(user, *, thread=None, group=None) -> bool:
    return Subscription.objects.filter(member=user, thread=thread, group=group).exists()


# --- Stories ----------------------------------------------------------------------------
# The reads story pages need, each with a fixed number of queries.

STORIES_PER_PAGE = 20
OFFERABLE_POSTS = 10


def public_stories(page_number):
    stories = Story.objects.filter(status=StoryStatus.APPROVED).select_related("author").order_by("-decided_at", "-pk")
    page = Paginator(stories, STORIES_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def public_story(pk: int) -> Story:
    return get_object_or_404(Story.objects.select_related("author"), pk=pk, status=StoryStatus.APPROVED)


def own_story(user, pk: int) -> Story:
    """Someone else's story answers 404, like a story that does not exist."""
    return get_object_or_404(Story.objects.select_related("group"), pk=pk, author=user)


def member_stories(user) -> list[Story]:
    """The member's own stories; a group they left is named as it was when they left."""
    stories = list(Story.objects.filter(author=user).select_related("group").order_by("-created_at", "-pk"))
    group_name = GroupNames(user)
    for story in stories:
        story.group_name = group_name(story.group)
    return stories


def pending_stories(group) -> list[Story]:
    stories = list(
        Story.objects.filter(group=group, status=StoryStatus.PENDING).select_related("author").order_by("created_at", "pk")
    )
    for story in stories:
        story.group = group
    return stories


def pending_story(group, pk: int) -> Story:
    story = get_object_or_404(Story.objects.select_related("author"), pk=pk, group=group)
    story.group = group
    return story


def offer_groups(user):
    return Group.objects.filter(memberships__user=user).order_by("name", "pk")


def offerable_posts(user) -> list[Post]:
    """The member's latest visible posts, to start a story from one of them."""
    return list(
        Post.objects.filter(author=user, deleted_by_author_at__isnull=True, hidden_at__isnull=True,
                            group__memberships__user=user)
        .select_related("thread", "group")
        .order_by("-created_at", "-pk")[:OFFERABLE_POSTS]
    )


def offered_post(user, post_id) -> Post | None:
    """The post a member starts their story from (?post=<id>); only their own, in a group they
    are still in."""
    post_id = ids.parse(post_id)
    if post_id is None:
        return None
    post = (Post.objects.filter(pk=post_id, author=user, group__memberships__user=user)
            .select_related("thread", "group").first())
    if post is not None:
        post.thread.group = post.group
    return post
