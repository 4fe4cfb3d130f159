"""Forum posts as moderation sees them: reportable, and hidden or restored by moderators; and
the other forum things the moderation log speaks of (threads, slow mode, stories), kept as
facts and worded in the reader's language when the log is read."""

from django.utils.translation import gettext as _
from moderation.reportables import Reportable

from .models import Post

# What the log keeps about a thread: the title as it was, so the log reads once it is gone.
LOG_TITLE_LENGTH = 150


def post_facts(post: Post) -> dict:
    # Neutral and without the author: anonymous posts stay anonymous in the queue and the log.
    return {"post_id": post.pk, "number": post.number, "thread_id": post.thread_id, "title": post.thread.title}


def describe_post(facts: dict) -> str:
    return _("Message n° %(number)s du sujet « %(title)s »") % {"number": facts["number"], "title": facts["title"]}


def thread_facts(thread, **more) -> dict:
    return {"thread_id": thread.pk, "title": thread.title[:LOG_TITLE_LENGTH], **more}


def describe_thread(facts: dict) -> str:
    return facts["title"]


def describe_slow_mode(facts: dict) -> str:
    from .services.moderation import slow_mode_label

    return f"{facts['title']} · {slow_mode_label(int(facts['seconds']))}"


def story_facts(story) -> dict:
    # Never the author: an anonymous story must stay anonymous in the group's log too.
    return {"story_id": story.pk, "title": story.title[:LOG_TITLE_LENGTH]}


def describe_story(facts: dict) -> str:
    return _("Témoignage « %(title)s »") % {"title": facts["title"]}


def post_reportable() -> Reportable:
    # The services word their log entries with this module's facts: imported once they are defined.
    from .services.moderation import post_hidden_set

    return Reportable(
        kind="post",
        model=Post,
        group_of=lambda post: post.group,
        author_of=lambda post: post.author,
        facts=post_facts,
        describe=describe_post,
        url_of=lambda post: post.get_absolute_url(),
        set_hidden=post_hidden_set,
        hides_author=lambda post: post.is_anonymous,
    )
