"""What a thread's pages show has changed: the ETag its readers hold no longer matches.

Called by every service that changes a post, a reaction, a thread's state or a name shown
in a thread, inside its transaction (forums.views.threads.thread_etag is made from the version)."""

from django.db.models import F, Q

from ..models import Thread


def threads_touch(*, thread_ids) -> None:
    Thread.objects.filter(pk__in=list(thread_ids)).update(content_version=F("content_version") + 1)


def threads_touch_for_member(member) -> None:
    """The member's name changed (renamed, or closed their account): the threads where it
    shows, as a post's author or among who reacted."""
    Thread.objects.filter(
        Q(pk__in=member.forum_posts.filter(is_anonymous=False).values("thread_id"))
        | Q(pk__in=member.forum_reactions.values("post__thread_id"))
    ).update(content_version=F("content_version") + 1)
