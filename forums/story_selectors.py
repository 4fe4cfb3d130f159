"""The reads story pages need, each with a fixed number of queries."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from entraide import ids
from entraide.models import Group
from entraide.selectors.memberships import GroupNames

from .models import Post, Story, StoryStatus

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
