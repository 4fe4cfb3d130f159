"""Who may do what with stories. Offering one: a member who may write in the group.
Approving or declining: the group's moderators, never on their own story."""

from moderation import permissions as moderation

from . import permissions as forum_permissions
from .models import StoryStatus


def can_offer_story(user, group) -> bool:
    return forum_permissions.can_post(user, group)


def can_offer_post(user, post) -> bool:
    return (
        post.author_id == getattr(user, "pk", None)
        and not post.is_deleted
        and not post.is_hidden
        and can_offer_story(user, post.group)
    )


def can_review_stories(user, group) -> bool:
    return moderation.can_hide_content(user, group)


def can_decide_story(user, story) -> bool:
    return (
        story.status == StoryStatus.PENDING
        and story.author_id != getattr(user, "pk", None)
        and can_review_stories(user, story.group)
    )


def can_withdraw_story(user, story) -> bool:
    return (
        bool(user and user.is_authenticated)
        and story.author_id == user.pk
        and story.status != StoryStatus.WITHDRAWN
    )
