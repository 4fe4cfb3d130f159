"""The reads of notifications: the header's unread count, the list, what a line says, the
members' e-mail choices, the digest.

A line is worded by its kind (notifications.kinds) when it is read: a notification whose
subject the member may no longer read (hidden, deleted, in a group they left) is not shown."""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from entraide import registry
from entraide.errors import NotFound

from . import kinds
from .models import EmailFrequency, Notification, NotificationInbox, NotificationPreference

NOTIFICATIONS_PER_PAGE = 30


def unread_count(user) -> int:
    """The member's unread notifications: one row kept by the services, not a count."""
    if not (user and user.is_authenticated):
        return 0
    return NotificationInbox.objects.filter(member=user.pk).values_list("unread", flat=True).first() or 0


def header_link(request) -> dict | None:
    """The header's link to the notifications, with the unread count, for signed-in members."""
    if not request.user.is_authenticated:
        return None
    match = getattr(request, "resolver_match", None)
    return {"unread_count": unread_count(request.user), "current": match.url_name if match else ""}


def about(subjects) -> models.QuerySet:
    """The notifications about `subjects`: one model instance, or a queryset of one model."""
    if isinstance(subjects, models.Model):
        subject_type = ContentType.objects.get_for_model(subjects, for_concrete_model=False)
        return Notification.objects.filter(subject_type=subject_type, subject_id=subjects.pk)
    subject_type = ContentType.objects.get_for_model(subjects.model, for_concrete_model=False)
    return Notification.objects.filter(subject_type=subject_type, subject_id__in=subjects.values("pk"))


def has_unread_about(member, subjects) -> bool:
    return about(subjects).filter(recipient=member, read_at__isnull=True).exists()


def worded(notifications, member) -> list[Notification]:
    """The notifications whose subject `member` may still read, each with `text`, `url`,
    `place` and `kind_label` in the active language: one query per kind present."""
    by_kind = defaultdict(list)
    for notification in notifications:
        by_kind[notification.kind].append(notification)
    found = {}
    for key, rows in by_kind.items():
        if key in registry.notification_kinds:  # a kind no app registers any more says nothing
            subjects = kinds.kind(key).subjects([row.subject_id for row in rows], member)
            found.update({row.pk: subjects.get(row.subject_id) for row in rows})
    shown = []
    for notification in notifications:
        subject = found.get(notification.pk)
        if subject is None:
            continue
        kind = kinds.kind(notification.kind)
        notification.text, notification.url = kind.text(subject), kind.url(subject)
        notification.place, notification.kind_label = kind.place(subject), kind.label
        shown.append(notification)
    return shown


def open_url(notification, *, absolute=False) -> str:
    url = reverse("notification_open", kwargs={"pk": notification.pk})
    return settings.SITE_URL + url if absolute else url


def notification_page(user, page_number) -> dict:
    """The paginator's count, the page, one query per kind on it, and the unread count."""
    notifications = Notification.objects.filter(recipient=user)
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(page_number)
    page.object_list = worded(list(page.object_list), user)
    return {"page": page, "unread_count": unread_count(user)}


def notification_for(user, pk) -> Notification:
    """The member's own notification, worded. Someone else's, or one about what they may no
    longer read, is not found."""
    notification = Notification.objects.filter(recipient=user, pk=pk).first()
    shown = worded([notification], user) if notification is not None else []
    if not shown:
        raise NotFound()
    return shown[0]


# --- E-mail choices ------------------------------------------------------------------------------

def email_frequencies(member) -> dict[str, str]:
    """The member's choice for every registered kind, the kind's default where they made none."""
    chosen = dict(NotificationPreference.objects.filter(member=member).values_list("kind", "email_frequency"))
    return {key: chosen.get(key, kind.default) for key, kind in kinds.registered()}


def email_frequency(member, kind: str) -> str:
    chosen = NotificationPreference.objects.filter(member=member, kind=kind).values_list("email_frequency", flat=True)
    return chosen.first() or kinds.kind(kind).default


def email_frequencies_of(member_ids, kind: str) -> dict[int, str]:
    """How each of these members hears of `kind`: one query."""
    chosen = dict(NotificationPreference.objects.filter(member__in=member_ids, kind=kind)
                  .values_list("member_id", "email_frequency"))
    default = kinds.kind(kind).default
    return {member_id: chosen.get(member_id, default) for member_id in member_ids}


def followings(user) -> list:
    """What the member follows, kind by kind, for their preferences page."""
    return [kind.following(user) for _key, kind in kinds.registered() if kind.following is not None]


def preferences_for_export(member) -> dict:
    """The choices the member made, by kind (the kinds they never chose keep their default)."""
    return dict(NotificationPreference.objects.filter(member=member).order_by("kind")
                .values_list("kind", "email_frequency"))


# --- The daily digest ----------------------------------------------------------------------------

def digest_batches():
    """Unread, never e-mailed notifications of members who chose the daily digest for their
    kind (or never chose, where the digest is the kind's default), by member, oldest first."""
    daily_by_default = [key for key, kind in kinds.registered() if kind.default == EmailFrequency.DAILY]
    choice = NotificationPreference.objects.filter(member=OuterRef("recipient"), kind=OuterRef("kind"))
    pending = (
        Notification.objects.filter(read_at__isnull=True, emailed_at__isnull=True)
        .filter(recipient__is_active=True, recipient__deleted_at__isnull=True)
        .filter(Exists(choice.filter(email_frequency=EmailFrequency.DAILY))
                | (~Exists(choice) & Q(kind__in=daily_by_default)))
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
