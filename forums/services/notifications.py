"""Notifications and what members watch: `<noun>_<verb>(*, actor, ...)`, plus the fan-out
run after a post or a private message is stored.

The fan-out runs after commit (forums.services.posts calls it through transaction.on_commit),
so a post rolled back never notifies, and it reads the post afresh: a post hidden or deleted
in between notifies nobody."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import User
from moderation.safety_models import MemberBlock, MemberMute

from .. import notification_permissions as permissions
from ..models import (
    EmailFrequency, Mention, Notification, NotificationKind, NotificationPreference, Post, Subscription,
)

UNSUBSCRIBE_SALT = "forums.notifications.unsubscribe"
# Local time at which the daily digest leaves (the task worker runs it; cron may too).
DIGEST_HOUR = getattr(settings, "NOTIFICATION_DIGEST_HOUR", 18)

# When one post concerns a member in several ways, they hear of it once, in the most telling way.
_PRECEDENCE = [NotificationKind.MENTION, NotificationKind.REPLY, NotificationKind.THREAD_POST,
               NotificationKind.FORUM_THREAD]


# --- Fan-out -----------------------------------------------------------------------------------

def _candidates(post: Post) -> dict[int, str]:
    kinds: dict[int, str] = {}

    def offer(member_ids, kind):
        for member_id in member_ids:
            current = kinds.get(member_id)
            if current is None or _PRECEDENCE.index(kind) < _PRECEDENCE.index(current):
                kinds[member_id] = kind

    offer(Mention.objects.filter(post=post).values_list("member_id", flat=True), NotificationKind.MENTION)
    if post.number > 1:
        offer([post.thread.author_id], NotificationKind.REPLY)
        if post.quote_of_id and post.quote_of and not post.quote_of.is_deleted:
            offer([post.quote_of.author_id], NotificationKind.REPLY)
        offer(Subscription.objects.filter(thread=post.thread_id).values_list("member_id", flat=True),
              NotificationKind.THREAD_POST)
    else:
        offer(Subscription.objects.filter(group=post.group_id).values_list("member_id", flat=True),
              NotificationKind.FORUM_THREAD)
    kinds.pop(post.author_id, None)
    return kinds


def _reachable(member_ids, *, group_id, author_id) -> set[int]:
    """Active members of the group who neither muted nor blocked the author. Muting wins even
    over an anonymous post: the member asked not to hear from that person, and the post still
    shows in the thread, so nothing about its author is told."""
    return set(
        User.objects.filter(pk__in=member_ids, is_active=True, deleted_at__isnull=True, memberships__group=group_id)
        .exclude(pk__in=MemberMute.objects.filter(muted=author_id).values("user"))
        .exclude(pk__in=MemberBlock.objects.filter(blocked=author_id).values("user"))
        .values_list("pk", flat=True)
    )


@transaction.atomic
def notifications_for_post(post, *, now=None) -> int:
    """Tell the members concerned about a new post. Returns how many notifications were created."""
    post = Post.objects.select_related("thread", "quote_of").filter(pk=getattr(post, "pk", post)).first()
    if post is None or post.is_hidden or post.is_deleted:
        return 0
    now = now or timezone.now()
    kinds = _candidates(post)
    recipients = _reachable(list(kinds), group_id=post.group_id, author_id=post.author_id)
    recipients -= set(Notification.objects.filter(post=post).values_list("recipient_id", flat=True))
    if not recipients:
        return 0
    created = Notification.objects.bulk_create(
        [Notification(recipient_id=member_id, kind=kinds[member_id], post=post, created_at=now)
         for member_id in sorted(recipients)],
        ignore_conflicts=True,  # run twice at once for one post: nobody hears twice
    )
    _mail_or_schedule(Notification.objects.filter(post=post, recipient__in=recipients, emailed_at__isnull=True), now)
    return len(created)


@transaction.atomic
def notifications_for_message(message, *, now=None) -> Notification | None:
    """Tell the other member of a conversation about a new private message, unless they muted
    the sender or still have an unread notice for this conversation (one is enough)."""
    conversation = message.conversation
    recipient_id = conversation.other_member_id(message.sender)
    if MemberMute.objects.filter(user=recipient_id, muted=message.sender_id).exists():
        return None
    pending = Notification.objects.filter(
        recipient=recipient_id, kind=NotificationKind.PRIVATE_MESSAGE, message__conversation=conversation,
        read_at__isnull=True,
    )
    if pending.exists():
        return None
    notification = Notification.objects.create(
        recipient_id=recipient_id, kind=NotificationKind.PRIVATE_MESSAGE, message=message,
        created_at=now or timezone.now(),
    )
    _mail_or_schedule(Notification.objects.filter(pk=notification.pk), notification.created_at)
    return notification


def email_frequency(member) -> str:
    try:
        return member.notification_preference.email_frequency
    except NotificationPreference.DoesNotExist:
        return EmailFrequency.DAILY


def _mail_or_schedule(notifications, now) -> None:
    """"At once" members get their mail from the worker after commit; the others wait for the digest."""
    from ..tasks import send_notification_email

    rows = notifications.values_list("pk", "recipient__notification_preference__email_frequency")
    immediate = [pk for pk, frequency in rows if frequency == EmailFrequency.IMMEDIATE]
    for pk in immediate:
        transaction.on_commit(lambda pk=pk: send_notification_email.enqueue(pk))
    if len(immediate) < len(rows):
        transaction.on_commit(lambda: schedule_digest(now))


def next_digest_time(now) -> datetime:
    local = timezone.localtime(now)
    at = timezone.make_aware(datetime.combine(local.date(), time(DIGEST_HOUR)), local.tzinfo)
    return at if at > local else at + timedelta(days=1)


def schedule_digest(now=None) -> None:
    """Ask the task worker for the next daily digest, once per day (the cache remembers;
    the digest itself never mails a notification twice, so a repeat would be harmless)."""
    from ..tasks import send_daily_digests

    if not send_daily_digests.get_backend().supports_defer:
        return
    when = next_digest_time(now or timezone.now())
    if cache.add(f"notifications:digest:{when.isoformat()}", True, timeout=26 * 3600):
        send_daily_digests.using(run_after=when).enqueue()


# --- Reading -------------------------------------------------------------------------------------

def notification_mark_read(*, actor, notification, now=None) -> None:
    if notification.recipient_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Cette notification ne vous est pas adressée."))
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)


def notifications_mark_all_read(*, actor, now=None) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=now or timezone.now())


def notifications_mark_thread_read(*, actor, thread, up_to: int, now=None) -> int:
    """What the member has now seen on the thread's page is no longer news in their list."""
    return Notification.objects.filter(
        recipient=actor, post__thread=thread, post__number__lte=up_to, read_at__isnull=True
    ).update(read_at=now or timezone.now())


def notifications_mark_conversation_read(*, actor, conversation, now=None) -> int:
    return Notification.objects.filter(
        recipient=actor, message__conversation=conversation, read_at__isnull=True
    ).update(read_at=now or timezone.now())


# --- Watching -----------------------------------------------------------------------------------

@transaction.atomic
def subscription_watch_thread(*, actor, thread, now=None) -> Subscription:
    if not permissions.can_watch_thread(actor, thread):
        raise NotAllowed(_("Seuls les membres du groupe suivent les sujets de son forum."))
    try:
        with transaction.atomic():
            return Subscription.objects.create(member=actor, thread=thread, created_at=now or timezone.now())
    except IntegrityError:
        raise Conflict(_("Vous suivez déjà ce sujet.")) from None


@transaction.atomic
def subscription_watch_forum(*, actor, group, now=None) -> Subscription:
    if not permissions.can_watch_forum(actor, group):
        raise NotAllowed(_("Seuls les membres du groupe suivent son forum."))
    try:
        with transaction.atomic():
            return Subscription.objects.create(member=actor, group=group, created_at=now or timezone.now())
    except IntegrityError:
        raise Conflict(_("Vous suivez déjà ce forum.")) from None


def subscription_stop(*, actor, thread=None, group=None) -> None:
    """Stop watching; allowed after leaving the group too."""
    deleted, _rows = Subscription.objects.filter(member=actor, thread=thread, group=group).delete()
    if not deleted:
        raise Conflict(_("Vous ne suiviez pas ce sujet.") if thread is not None
                       else _("Vous ne suiviez pas ce forum."))


# --- E-mail preference and one-click unsubscribe ------------------------------------------------

@transaction.atomic
def notification_preference_set(*, actor, email_frequency, now=None) -> NotificationPreference:
    if email_frequency not in EmailFrequency.values:
        raise DomainError(_("Choisissez à quelle fréquence recevoir des e-mails."))
    preference, _created = NotificationPreference.objects.update_or_create(
        member=actor, defaults={"email_frequency": email_frequency, "updated_at": now or timezone.now()}
    )
    return preference


def unsubscribe_token(member) -> str:
    """Signed, without expiry: a link in an old e-mail must still stop the mails."""
    return signing.dumps(member.pk, salt=UNSUBSCRIBE_SALT)


def member_for_unsubscribe_token(token: str) -> User:
    invalid = DomainError(_("Ce lien de désinscription n'est pas valide : il a peut-être été coupé en deux "
                            "dans l'e-mail. Vous pouvez aussi choisir vos e-mails dans vos préférences "
                            "de notification."))
    try:
        member_pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise invalid from None
    member = User.objects.filter(pk=member_pk, deleted_at__isnull=True).first() if isinstance(member_pk, int) else None
    if member is None:
        raise invalid
    return member


def notifications_unsubscribe(*, token, now=None) -> User:
    """The link in every mail: no sign-in needed, the signed token says who."""
    member = member_for_unsubscribe_token(token)
    notification_preference_set(actor=member, email_frequency=EmailFrequency.NEVER, now=now)
    return member

