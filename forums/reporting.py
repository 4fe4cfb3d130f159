"""Forum posts as moderation sees them: reportable, and hidden or restored by moderators."""

from django.utils import timezone
from django.utils.translation import gettext as _
from moderation.reportables import Reportable

from .models import Post
from .services.touch import threads_touch


def describe_post(post: Post) -> str:
    # Neutral and without the author: anonymous posts stay anonymous in the queue and the log.
    return _("Message n° %(number)s du sujet « %(title)s »") % {"number": post.number, "title": post.thread.title}


def set_post_hidden(post: Post, hidden: bool) -> None:
    post.hidden_at = timezone.now() if hidden else None
    Post.objects.filter(pk=post.pk).update(hidden_at=post.hidden_at)
    threads_touch(thread_ids=[post.thread_id])


def post_reportable() -> Reportable:
    return Reportable(
        kind="post",
        model=Post,
        group_of=lambda post: post.group,
        author_of=lambda post: post.author,
        describe=describe_post,
        url_of=lambda post: post.get_absolute_url(),
        set_hidden=set_post_hidden,
    )
