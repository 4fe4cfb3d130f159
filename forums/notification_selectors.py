"""The reads of notifications: the header's unread count, the list, what a line says, the digest.

A notification whose post was hidden or deleted since, or from a group the member has left,
is no longer shown nor counted: it points at nothing they can read."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from entraide.models import Membership
from entraide.prepared import PreparedQuery

from .models import EmailFrequency, Notification, NotificationKind, Subscription

NOTIFICATIONS_PER_PAGE = 30


def visible_notifications():
    still_there = Q(post__isnull=True) | Q(
        Exists(Membership.objects.filter(group=OuterRef("post__group"), user=OuterRef("recipient"))),
        post__hidden_at__isnull=True,
        post__deleted_by_author_at__isnull=True,
    )
    return Notification.objects.filter(still_there)


def unread_count_query(recipient):
    """How many of the member's notifications are unread and still shown, as a one-column
    query: no row when there are none. Also read by forums.thread_pages within a larger query."""
    return (
        visible_notifications().filter(recipient=recipient, read_at__isnull=True)
        .order_by().values("recipient").annotate(count=Count("pk")).values("count")
    )


# On every page a member sees: compiled once (entraide.prepared).
_UNREAD_COUNT = PreparedQuery(lambda recipient_id: unread_count_query(recipient_id), recipient_id=int)


def unread_count(user) -> int:
    """The header's badge: one query, once per request."""
    if not (user and user.is_authenticated):
        return 0
    cached = getattr(user, "_unread_notifications", None)
    if cached is None:
        row = _UNREAD_COUNT.first(recipient_id=user.pk)
        cached = user._unread_notifications = row["count"] if row else 0
    return cached


def remember_unread_count(user, count: int) -> None:
    """What a page read already with other things."""
    user._unread_notifications = count


def _with_subjects(notifications):
    return notifications.select_related(
        "post__author", "post__thread", "post__group", "message__sender", "message__conversation"
    )


def describe(notification) -> str:
    """One sentence for the list and the e-mails: who, and the thread's title, nothing of the text."""
    if notification.kind == NotificationKind.PRIVATE_MESSAGE:
        return _("%(who)s vous a écrit un message privé.") % {"who": notification.message.sender.display_name}
    post = notification.post
    values = {
        "who": _("un membre du groupe") if post.is_anonymous else post.author.display_name,
        "title": post.thread.title,
    }
    sentences = {
        NotificationKind.REPLY: _("%(who)s a répondu à votre message dans « %(title)s »."),
        NotificationKind.MENTION: _("%(who)s vous a mentionné·e dans « %(title)s »."),
        NotificationKind.THREAD_POST: _("%(who)s a écrit dans « %(title)s », un sujet que vous suivez."),
        NotificationKind.FORUM_THREAD: _("%(who)s a ouvert un nouveau sujet : « %(title)s »."),
    }
    return sentences[notification.kind] % values


def target_url(notification) -> str:
    if notification.kind == NotificationKind.PRIVATE_MESSAGE:
        return notification.message.conversation.get_absolute_url()
    return notification.post.get_absolute_url()


def open_url(notification, *, absolute=False) -> str:
    url = reverse("notification_open", kwargs={"pk": notification.pk})
    return settings.SITE_URL + url if absolute else url


def notification_page(user, page_number) -> dict:
    """Three queries: the count for the paginator, the page, and the header's unread count."""
    notifications = _with_subjects(visible_notifications().filter(recipient=user))
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for notification in page.object_list:
        notification.text = describe(notification)
        notification.group_name = notification.post.group.name if notification.post_id else ""
    return {"page": page, "unread_count": unread_count(user)}


def notification_for(user, pk):
    return _with_subjects(visible_notifications().filter(recipient=user)).filter(pk=pk).first()


def subscriptions_of(user) -> dict:
    rows = list(Subscription.objects.filter(member=user).select_related("thread__group", "group"))
    return {
        "watched_forums": [row for row in rows if row.group_id],
        "watched_threads": [row for row in rows if row.thread_id],
    }


def is_watching(user, *, thread=None, group=None) -> bool:
    return Subscription.objects.filter(member=user, thread=thread, group=group).exists()


def digest_batches():
    """Unread, never e-mailed notifications of members who chose the daily digest (or never
    chose: it is the default), grouped by member, oldest first."""
    pending = (
        _with_subjects(visible_notifications().filter(read_at__isnull=True, emailed_at__isnull=True))
        .filter(recipient__is_active=True, recipient__deleted_at__isnull=True)
        .filter(Q(recipient__notification_preference__isnull=True)
                | Q(recipient__notification_preference__email_frequency=EmailFrequency.DAILY))
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    batch, member = [], None
    for notification in pending.iterator(chunk_size=500):
        if member is not None and notification.recipient_id != member.pk:
            yield member, batch
            batch = []
        member = notification.recipient
        batch.append(notification)
    if batch:
        yield member, batch
