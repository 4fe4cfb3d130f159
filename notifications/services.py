"""Notifications of every app: telling, reading, withdrawing, e-mail choices and the one-click
unsubscribe. `<noun>_<verb>(*, actor, ...)`, each in one transaction.

A member's unread count is a column (NotificationInbox.unread) that only these services
change, by exactly as many notifications as they add, read or remove. Telling first locks the
inbox rows of those told, so two fan-outs about one thing at once neither tell a member twice
nor count one notification twice."""

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide import registry
from entraide.errors import DomainError
from entraide.models import User
from entraide.permissions import check_signed_in

from . import kinds, permissions
from .models import EmailFrequency, Notification, NotificationInbox, NotificationPreference
from .selectors import about, email_frequencies_of

# Unchanged since notifications lived in the forums app: the links of mails sent then still work.
UNSUBSCRIBE_SALT = "forums.notifications.unsubscribe"
CHOOSE_A_FREQUENCY = gettext_lazy("Choisissez à quelle fréquence recevoir des e-mails.")
# Local time at which the daily digest leaves (the task worker runs it; cron may too).
DIGEST_HOUR = getattr(settings, "NOTIFICATION_DIGEST_HOUR", 18)


def _count(changes: dict[int, int]) -> None:
    """Move the members' unread counts by these amounts."""
    members_by_change = defaultdict(list)
    for member_id, change in changes.items():
        if change:
            members_by_change[change].append(member_id)
    for change, member_ids in members_by_change.items():
        NotificationInbox.objects.filter(member__in=member_ids).update(unread=F("unread") + change)


def _lock_inboxes(member_ids) -> None:
    NotificationInbox.objects.bulk_create([NotificationInbox(member_id=pk) for pk in member_ids],
                                          ignore_conflicts=True)
    # In one order, so that two fan-outs to overlapping members wait for each other, never deadlock.
    list(NotificationInbox.objects.select_for_update().filter(member__in=member_ids).order_by("member_id")
         .values_list("member_id", flat=True))


# --- Telling -----------------------------------------------------------------------------------

@transaction.atomic
def notification_send(*, kind: str, subject, recipient_ids, now=None) -> list[Notification]:
    """Tell these members about `subject`. A member already told about it hears nothing more,
    whatever the kind: an app offering several kinds for one thing sends the most telling first.
    The app has chosen who may hear of it; this only tells, and mails or waits for the digest."""
    described = kinds.kind(kind)
    if not isinstance(subject, described.model):
        raise TypeError(f"A {kind!r} notification is about a {described.model.__name__}, not {subject!r}.")
    recipient_ids = sorted(set(recipient_ids))
    if not recipient_ids:
        return []
    now = now or timezone.now()
    subject_type = ContentType.objects.get_for_model(subject, for_concrete_model=False)
    _lock_inboxes(recipient_ids)
    told = set(about(subject).filter(recipient__in=recipient_ids).values_list("recipient_id", flat=True))
    created = Notification.objects.bulk_create([
        Notification(recipient_id=member_id, kind=kind, subject_type=subject_type, subject_id=subject.pk,
                     created_at=now)
        for member_id in recipient_ids if member_id not in told
    ])
    _count({notification.recipient_id: 1 for notification in created})
    _mail_or_schedule(created, kind, now)
    return created


def _mail_or_schedule(created, kind, now) -> None:
    """"At once" members get their mail from the worker after commit; the digest's wait for it."""
    from .tasks import send_notification_email

    frequencies = email_frequencies_of([notification.recipient_id for notification in created], kind)
    for notification in created:
        if frequencies[notification.recipient_id] == EmailFrequency.IMMEDIATE:
            transaction.on_commit(lambda pk=notification.pk: send_notification_email.enqueue(pk))
    if EmailFrequency.DAILY in frequencies.values():
        transaction.on_commit(lambda: schedule_digest(now))


def next_digest_time(now) -> datetime:
    local = timezone.localtime(now)
    at = timezone.make_aware(datetime.combine(local.date(), time(DIGEST_HOUR)), local.tzinfo)
    return at if at > local else at + timedelta(days=1)


def schedule_digest(now=None) -> None:
    """Ask the task worker for the next daily digest, once per day (the cache remembers;
    the digest itself never mails a notification twice, so a repeat would be harmless)."""
    from .tasks import send_daily_digests

    if not send_daily_digests.get_backend().supports_defer:
        return
    when = next_digest_time(now or timezone.now())
    if cache.add(f"notifications:digest:{when.isoformat()}", True, timeout=26 * 3600):
        send_daily_digests.using(run_after=when).enqueue()


# --- Reading -------------------------------------------------------------------------------------
# Without a savepoint of their own (pages that show something mark it read on every view),
# and so never raising once inside their transaction.

def _read(actor, notifications, now) -> int:
    read = notifications.filter(recipient=actor, read_at__isnull=True).update(read_at=now or timezone.now())
    _count({actor.pk: -read})
    return read


def notification_mark_read(*, actor, notification, now=None) -> None:
    permissions.check_read_notification(actor, notification)
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        with transaction.atomic(savepoint=False):
            _read(actor, Notification.objects.filter(pk=notification.pk), notification.read_at)


@transaction.atomic(savepoint=False)
def notifications_mark_all_read(*, actor, now=None) -> int:
    return _read(actor, Notification.objects.all(), now)


@transaction.atomic(savepoint=False)
def notifications_mark_read_about(*, actor, subjects, now=None) -> int:
    """What the member has now seen on the page that shows it is no longer news in their list:
    `subjects` is one model instance or a queryset of one model."""
    if not (actor and actor.is_authenticated):
        return 0
    return _read(actor, about(subjects), now)


@transaction.atomic(savepoint=False)
def notifications_withdraw(*, subjects, recipient=None) -> int:
    """What these notifications were about may no longer be read by those told (hidden,
    deleted, a group left): they go, from the list, the counts and the mails still to leave."""
    notifications = about(subjects)
    if recipient is not None:
        notifications = notifications.filter(recipient=recipient)
    # Locked: a member reading one at this instant does not lower their count a second time.
    found = list(notifications.select_for_update().values_list("pk", "recipient_id", "read_at"))
    if not found:
        return 0
    Notification.objects.filter(pk__in=[pk for pk, _recipient, _read_at in found]).delete()
    unread = Counter(recipient_id for _pk, recipient_id, read_at in found if read_at is None)
    _count({member_id: -count for member_id, count in unread.items()})
    return len(found)


def notifications_forget(member) -> None:
    """The account goes: its notifications, choices and count with it (account cleanup)."""
    Notification.objects.filter(recipient=member).delete()
    NotificationPreference.objects.filter(member=member).delete()
    NotificationInbox.objects.filter(member=member).delete()


# --- E-mail choices and one-click unsubscribe ----------------------------------------------------

@transaction.atomic
def notification_preferences_set(*, actor, choices: dict[str, str], now=None) -> None:
    """How the member hears of each kind by e-mail: {kind: frequency}."""
    check_signed_in(actor)
    for kind, frequency in choices.items():
        if kind not in registry.notification_kinds:
            raise DomainError(_("Ce genre de notification n'existe pas."))
        if frequency not in EmailFrequency.values:
            raise DomainError(CHOOSE_A_FREQUENCY)
    now = now or timezone.now()
    for kind, frequency in choices.items():
        NotificationPreference.objects.update_or_create(
            member=actor, kind=kind, defaults={"email_frequency": frequency, "updated_at": now}
        )


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
    """The link in every mail: no sign-in needed, the signed token says who. No more e-mail of
    any kind; the notifications stay on the site."""
    member = member_for_unsubscribe_token(token)
    notification_preferences_set(actor=member, choices={key: EmailFrequency.NEVER for key, _kind in kinds.registered()},
                                 now=now)
    return member
