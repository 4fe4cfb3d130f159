"""Who may do what in a group's forum. The one place views, templates and services ask.

Reading: the group's members; anyone when the group chose a forum readable by all, and only
if the group is listed (an unlisted group's forum is never public). Writing: what
moderation.permissions.can_write_in_group allows (members who are not muted)."""

from entraide.permissions import is_member
from moderation import permissions as moderation

from .models import ForumSettings, StoryStatus


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def forum_is_public(group) -> bool:
    if not group.is_listed:
        return False
    try:
        return group.forum_settings.readable_by_anyone
    except ForumSettings.DoesNotExist:
        return False


def can_read_forum(user, group) -> bool:
    # Membership first: it is usually cached for the request already.
    return is_member(user, group) or forum_is_public(group)


def can_post(user, group) -> bool:
    """Start a thread or reply; a locked thread and slow mode are checked by the services.
    Cached on the user for the request, like memberships and roles: a page asks once per post."""
    if not _signed_in(user):
        return False
    cache = getattr(user, "_forum_can_post_cache", None)
    if cache is None:
        cache = user._forum_can_post_cache = {}
    if group.pk not in cache:
        cache[group.pk] = moderation.can_write_in_group(user, group)
    return cache[group.pk]


def forget_can_post(user) -> None:
    if hasattr(user, "_forum_can_post_cache"):
        del user._forum_can_post_cache


def can_post_in_locked_thread(user, group) -> bool:
    """Moderators may still explain why a thread was locked."""
    return moderation.can_lock_thread(user, group)


def is_exempt_from_slow_mode(user, group) -> bool:
    return moderation.can_set_slow_mode(user, group)


def can_reply(user, thread) -> bool:
    if not can_post(user, thread.group):
        return False
    return not thread.is_locked or can_post_in_locked_thread(user, thread.group)


def can_edit_post(user, post) -> bool:
    return (
        _signed_in(user)
        and post.author_id == user.pk
        and not post.is_deleted
        and not post.is_hidden
        and can_post(user, post.group)
    )


def can_delete_post(user, post) -> bool:
    return _signed_in(user) and post.author_id == user.pk and not post.is_deleted and is_member(user, post.group)


def can_view_history(user, post) -> bool:
    return is_member(user, post.group) and not post.is_deleted and not post.is_hidden


def can_reveal_author(user, post) -> bool:
    return post.is_anonymous and not post.is_deleted and moderation.can_hide_content(user, post.group)


def can_hide_posts(user, group) -> bool:
    return moderation.can_hide_content(user, group)


def can_hide_post(user, post) -> bool:
    return not post.is_deleted and can_hide_posts(user, post.group)


def can_react(user, post) -> bool:
    """Members react to the others' visible posts; there is nothing to react against."""
    return (
        is_member(user, post.group)
        and post.author_id != user.pk
        and not post.is_deleted
        and not post.is_hidden
    )


def can_report_post(user, post) -> bool:
    """Any member, muted or not, about someone else's visible post."""
    return (
        _signed_in(user)
        and post.author_id != user.pk
        and not post.is_deleted
        and not post.is_hidden
        and moderation.can_report(user, post.group)
    )


def can_see_reactors(user, post) -> bool:
    return is_member(user, post.group)


def can_lock_thread(user, thread) -> bool:
    return moderation.can_lock_thread(user, thread.group)


def can_pin_thread(user, thread) -> bool:
    return moderation.can_pin_thread(user, thread.group)


def can_set_slow_mode(user, thread) -> bool:
    return moderation.can_set_slow_mode(user, thread.group)


def can_moderate_thread(user, thread) -> bool:
    return can_lock_thread(user, thread) or can_pin_thread(user, thread) or can_set_slow_mode(user, thread)


def can_update_forum_settings(user, group) -> bool:
    return moderation.can_edit_group(user, group)


def can_set_warning_preferences(user) -> bool:
    return _signed_in(user)


def can_watch_forum(user, group) -> bool:
    return _signed_in(user) and is_member(user, group)


def can_watch_thread(user, thread) -> bool:
    return can_watch_forum(user, thread.group)


# --- Stories ----------------------------------------------------------------------------
# Who may do what with stories. Offering one: a member who may write in the group.
# Approving or declining: the group's moderators, never on their own story.

def can_offer_story(user, group) -> bool:
    return can_post(user, group)


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
