"""What of a member's forum data goes into their export, and what goes when they delete
their account (what they wrote stays, shown as 'former member'). Registered from
ForumsConfig.ready()."""

from entraide.selectors.export import iso, register_export_section
from entraide.services.accounts import register_account_cleanup, register_name_change

from .models import (
    ContentWarningPreference,
    Notification,
    NotificationPreference,
    Post,
    PrivateMessage,
    Reaction,
    Story,
    StoryStatus,
    Subscription,
    ThreadRead,
)
from .services.touch import threads_touch_for_member


def export_posts(user) -> list[dict]:
    posts = Post.objects.filter(author=user).select_related("thread", "group").order_by("created_at")
    return [
        {"group": post.group.name, "thread": post.thread.title, "number": post.number,
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


def export_private_messages(user) -> list[dict]:
    """Only what the member wrote: the other person's messages are theirs."""
    return [
        {"body": message.body, "created_at": iso(message.created_at)}
        for message in PrivateMessage.objects.filter(sender=user).order_by("created_at")
    ]


def export_stories(user) -> list[dict]:
    return [
        {"title": story.title, "body": story.body, "signature": story.signature, "status": story.status,
         "consented_at": iso(story.consented_at), "withdrawn_at": iso(story.withdrawn_at)}
        for story in Story.objects.filter(author=user).order_by("created_at")
    ]


def export_forum_preferences(user) -> dict:
    preference = NotificationPreference.objects.filter(member=user).first()
    return {
        "email_frequency": preference.email_frequency if preference else None,
        "content_warnings": {
            row.warning: row.choice for row in ContentWarningPreference.objects.filter(member=user)
        },
        "watching": [
            {"thread": sub.thread.title} if sub.thread_id else {"forum": sub.group.name}
            for sub in Subscription.objects.filter(member=user).select_related("thread", "group")
        ],
    }


def forget_forum_choices(user) -> None:
    """Subscriptions, notifications, read marks and preferences go; posts and messages stay."""
    Subscription.objects.filter(member=user).delete()
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(member=user).delete()
    ContentWarningPreference.objects.filter(member=user).delete()
    ThreadRead.objects.filter(member=user).delete()
    # Stories waiting for review are withdrawn; published ones stay, like every text written.
    Story.objects.filter(author=user, status=StoryStatus.PENDING).delete()


def register() -> None:
    register_export_section("forum_posts", export_posts)
    register_export_section("forum_reactions", export_reactions)
    register_export_section("private_messages", export_private_messages)
    register_export_section("stories", export_stories)
    register_export_section("forum_preferences", export_forum_preferences)
    register_account_cleanup(forget_forum_choices)
    register_name_change(threads_touch_for_member)
