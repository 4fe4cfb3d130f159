"""What of a member's forum data goes into their export, and what goes when they delete
their account (what they wrote stays, shown as 'former member'), and what ends when they leave
a group. Registered from ForumsConfig.ready()."""

from entraide import registry
from entraide.selectors.export import iso
from entraide.selectors.memberships import GroupNames

from .models import (
    ContentWarningPreference,
    Post,
    Reaction,
    Story,
    StoryStatus,
    Subscription,
    ThreadRead,
)
from .services.touch import threads_touch_for_member
from .services.watching import watching_end


def export_posts(user) -> list[dict]:
    posts = Post.objects.filter(author=user).select_related("thread", "group").order_by("created_at")
    group_name = GroupNames(user)
    return [
        {"group": group_name(post.group), "thread": post.thread.title, "number": post.number,
         "anonymous": post.is_anonymous, "body": post.body, "content_warnings": post.content_warnings,
         "created_at": iso(post.created_at), "edited_at": iso(post.edited_at),
         "deleted_at": iso(post.deleted_by_author_at)}
        for post in posts
    ]


def export_reactions(user) -> list[dict]:
    reactions = Reaction.objects.filter(member=user).select_related("post__thread").order_by("created_at")
    return [
        {"thread": reaction.post.thread.title, "post_number": reaction.post.number, "kind": reaction.kind,
         "created_at": iso(reaction.created_at)}
        for reaction in reactions
    ]


def export_stories(user) -> list[dict]:
    return [
        {"title": story.title, "body": story.body, "signature": story.signature, "status": story.status,
         "consented_at": iso(story.consented_at), "withdrawn_at": iso(story.withdrawn_at)}
        for story in Story.objects.filter(author=user).order_by("created_at")
    ]


def export_forum_preferences(user) -> dict:
    return {
        "content_warnings": {
            row.warning: row.choice for row in ContentWarningPreference.objects.filter(member=user)
        },
        "watching": [
            {"thread": sub.thread.title} if sub.thread_id else {"forum": sub.group.name}
            for sub in Subscription.objects.filter(member=user).select_related("thread", "group")
        ],
    }


def forget_forum_choices(user) -> None:
    """Subscriptions, read marks and preferences go; posts stay."""
    Subscription.objects.filter(member=user).delete()
    ContentWarningPreference.objects.filter(member=user).delete()
    ThreadRead.objects.filter(member=user).delete()
    # Stories waiting for review are withdrawn; published ones stay, like every text written.
    Story.objects.filter(author=user, status=StoryStatus.PENDING).delete()


def register() -> None:
    registry.export_sections.register("forum_posts", export_posts)
    registry.export_sections.register("forum_reactions", export_reactions)
    registry.export_sections.register("stories", export_stories)
    registry.export_sections.register("forum_preferences", export_forum_preferences)
    registry.account_cleanups.register("forum_choices", forget_forum_choices)
    registry.name_changes.register("forum_threads", threads_touch_for_member)
    registry.membership_ended.register("forum_watching", watching_end)
