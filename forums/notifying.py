"""What forums tell members through notifications: replies, mentions, and what is new in the
threads and forums they watch (forums.services.watching chooses who). Each is worded when it
is read, from the post as it is then: who wrote (an anonymous author stays "un membre du
groupe") and the thread's title, never a word of the post. Registered from ForumsConfig.ready()."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.models import Membership
from notifications.kinds import Followed, Following, NotificationKind

from .models import Post, Subscription
from .services.watching import FORUM_THREAD, MENTION, REPLY, THREAD_POST


def posts_for_notifications(ids, member) -> dict[int, Post]:
    """The posts still shown, in groups the member still belongs to: one query."""
    posts = (
        Post.objects.filter(pk__in=ids, hidden_at__isnull=True, deleted_by_author_at__isnull=True)
        .filter(Exists(Membership.objects.filter(group=OuterRef("group"), user=member)))
        .select_related("author", "thread", "group")
    )
    return {post.pk: post for post in posts}


def _values(post) -> dict:
    return {"who": _("un membre du groupe") if post.is_anonymous else post.author.display_name,
            "title": post.thread.title}


def watched_threads(user) -> Following:
    rows = (Subscription.objects.filter(member=user, thread__isnull=False)
            .filter(Exists(Membership.objects.filter(user=user, group=OuterRef("thread__group"))))
            .select_related("thread__group"))
    return Following(
        title=_("Les sujets que je suis"),
        empty=_("Vous ne suivez aucun sujet : vous êtes prévenu·e de chaque nouveau message d'un sujet que vous suivez."),
        items=[Followed(name=row.thread.title, place=row.thread.group.name,
                        url=reverse("forum_thread", args=[row.thread.group.slug, row.thread_id]),
                        stop_url=reverse("forum_thread_watch", args=[row.thread.group.slug, row.thread_id]))
               for row in rows],
    )


def watched_forums(user) -> Following:
    rows = (Subscription.objects.filter(member=user, group__isnull=False)
            .filter(Exists(Membership.objects.filter(user=user, group=OuterRef("group"))))
            .select_related("group"))
    return Following(
        title=_("Les forums que je suis"),
        empty=_("Vous ne suivez aucun forum : vous êtes prévenu·e de chaque nouveau sujet d'un forum que vous suivez."),
        items=[Followed(name=row.group.name, url=reverse("forum_threads", args=[row.group.slug]),
                        stop_url=reverse("forum_watch", args=[row.group.slug]))
               for row in rows],
    )


def _mention(post) -> str:
    return _("%(who)s vous a mentionné·e dans « %(title)s ».") % _values(post)


def _reply(post) -> str:
    return _("%(who)s a répondu à votre message dans « %(title)s ».") % _values(post)


def _thread_post(post) -> str:
    return _("%(who)s a écrit dans « %(title)s », un sujet que vous suivez.") % _values(post)


def _forum_thread(post) -> str:
    return _("%(who)s a ouvert un nouveau sujet : « %(title)s ».") % _values(post)


def _kind(label, text, **more) -> NotificationKind:
    return NotificationKind(label=label, model=Post, subjects=posts_for_notifications, text=text,
                            url=lambda post: post.get_absolute_url(), place=lambda post: post.group.name, **more)


KINDS = {
    MENTION: _kind(gettext_lazy("Mention"), _mention),
    REPLY: _kind(gettext_lazy("Réponse à votre message"), _reply),
    THREAD_POST: _kind(gettext_lazy("Nouveau message dans un sujet suivi"), _thread_post, following=watched_threads),
    FORUM_THREAD: _kind(gettext_lazy("Nouveau sujet dans un forum suivi"), _forum_thread, following=watched_forums),
}
