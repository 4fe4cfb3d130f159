"""Reminders before a meeting, 24 hours and 1 hour before, to members who said they are going
and have a place (not those still on the waiting list); and the call to the group, 48 hours
before, when a role of a meeting is still open.

Each reminder is sent once: a ReminderSent row per occurrence, member, kind and start. A moved
occurrence has a new start, so it is reminded of again. The in-page notification goes through
notifications/; the e-mail, for members who hear of reminders "at once", carries the occurrence
as an .ics attachment and is sent from here (the notification is marked mailed, so the
notifications worker does not send a second, bare one)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from entraide.models import Membership, User
from entraide.time_zones import reading_zone
from notifications.models import EmailFrequency, Notification
from notifications.selectors import email_frequencies_of
from notifications.services import notification_send, unsubscribe_token

from .. import notifying
from ..calendar import occurrence_calendar
from ..jitsi import room_url
from ..models import (
    MeetingFormat,
    MeetingRoleKind,
    Occurrence,
    ReminderKind,
    ReminderSent,
    Rsvp,
)

# kind -> (how long before the start it goes, and until when it still makes sense to send it)
LEADS = {
    ReminderKind.DAY_BEFORE: (timedelta(hours=24), timedelta(hours=1)),
    ReminderKind.HOUR_BEFORE: (timedelta(hours=1), timedelta(0)),
}
OPEN_ROLES_LEAD = timedelta(hours=48)


def _coming(now):
    return Occurrence.objects.filter(cancelled_at__isnull=True, series__ended_at__isnull=True,
                                     starts_at__gt=now).select_related("series__group")


def _due(kind, now):
    """Occurrences whose reminder of this kind is due now: 24 hours down to 1 hour before for
    the first, the last hour for the second (a member who answers late gets the one that fits)."""
    lead, until = LEADS[kind]
    return _coming(now).filter(starts_at__lte=now + lead, starts_at__gt=now + until)


def _recipients(occurrence) -> list[int]:
    return list(Rsvp.objects.with_place().filter(occurrence=occurrence)
                .filter(Exists(Membership.objects.filter(group=occurrence.series.group_id, user=OuterRef("member"))))
                .values_list("member_id", flat=True))


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def reminder_mail(reminder: ReminderSent, member: User) -> EmailMessage:
    """The reminder in the member's language and time zone, with the occurrence attached as an .ics."""
    occurrence = reminder.occurrence
    series = occurrence.series
    unsubscribe_url = _absolute(reverse("notifications_unsubscribe", kwargs={"token": unsubscribe_token(member)}))
    page_url = _absolute(notifying.occurrence_url(occurrence))
    join_url = room_url(series) if series.format != MeetingFormat.IN_PERSON else None
    with translation.override(member.preferred_language or settings.LANGUAGE_CODE), reading_zone(member):
        context = {
            "member": member, "site_name": settings.SITE_NAME, "text": notifying.KINDS[
                notifying.REMINDER_KINDS[reminder.kind]].text(reminder),
            "page_url": page_url, "unsubscribe_url": unsubscribe_url,
            "preferences_url": _absolute(reverse("notification_preferences")),
        }
        subject = " ".join(render_to_string("meetings/mail/reminder_subject.txt", context).split())
        body = render_to_string("meetings/mail/reminder.txt", context)
    mail = EmailMessage(subject, body, to=[member.email], headers={
        "List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    mail.attach("rencontre.ics", occurrence_calendar(occurrence, page_url=page_url, join_url=join_url),
                "text/calendar; method=PUBLISH; charset=utf-8")
    return mail


def _remind(occurrence, kind, now) -> int:
    """Claim and tell the reminders of one occurrence not yet sent; returns how many."""
    with transaction.atomic():
        locked = Occurrence.objects.select_for_update().filter(pk=occurrence.pk, cancelled_at__isnull=True).first()
        if locked is None or locked.starts_at != occurrence.starts_at:
            return 0
        already = set(ReminderSent.objects.filter(occurrence=occurrence, kind=kind, starts_at=occurrence.starts_at)
                      .values_list("member_id", flat=True))
        member_ids = [pk for pk in _recipients(occurrence) if pk not in already]
        if not member_ids:
            return 0
        notification_kind = notifying.REMINDER_KINDS[kind]
        members = User.objects.filter(pk__in=member_ids, is_active=True, deleted_at__isnull=True).in_bulk()
        frequencies = email_frequencies_of(list(members), notification_kind)
        mails = []
        for member_id, member in members.items():
            reminder = ReminderSent.objects.create(occurrence=occurrence, member=member, kind=kind,
                                                   starts_at=occurrence.starts_at)
            told = notification_send(kind=notification_kind, subject=reminder, recipient_ids=[member_id], now=now)
            if told and frequencies[member_id] == EmailFrequency.IMMEDIATE:
                Notification.objects.filter(pk=told[0].pk).update(emailed_at=now)
                mails.append(reminder_mail(reminder, member))
        transaction.on_commit(lambda: [mail.send() for mail in mails])
        return len(members)


def reminders_send(*, now=None) -> int:
    """Every reminder due now that has not been sent: run by the task worker every few minutes."""
    now = now or timezone.now()
    sent = 0
    for kind in LEADS:
        for occurrence in _due(kind, now):
            sent += _remind(occurrence, kind, now)
    return sent


def open_roles_announce(*, now=None) -> int:
    """Tell each group of its meetings in the next 48 hours with a role nobody took yet, once
    per occurrence (again once moved). Returns how many occurrences were announced."""
    now = now or timezone.now()
    due = (_coming(now).filter(starts_at__lte=now + OPEN_ROLES_LEAD, open_roles_announced_at__isnull=True)
           .annotate(roles_taken=Count("roles")).filter(roles_taken__lt=len(MeetingRoleKind.values)))
    announced = 0
    for occurrence in due:
        with transaction.atomic():
            if not Occurrence.objects.filter(pk=occurrence.pk, open_roles_announced_at__isnull=True).update(
                    open_roles_announced_at=now):
                continue
            members = Membership.objects.filter(group=occurrence.series.group_id).values_list("user_id", flat=True)
            notification_send(kind=notifying.OPEN_ROLES, subject=occurrence, recipient_ids=list(members), now=now)
            announced += 1
    return announced
