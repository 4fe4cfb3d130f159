"""What meetings tell members through notifications: reminders before a meeting they said they
are going to, a meeting cancelled or moved, and a meeting that still needs someone for a role.
Each is worded when it is read, from the occurrence as it is then, in the reader's zone (the
page's, or the one a mail is rendered in: entraide.time_zones.reading_zone), which it names.
Registered from MeetingsConfig.ready().

A notification is told once per member and thing (notifications.services): a reminder is about
its own ReminderSent row, so that the one a day before and the one an hour before are two
things; a change is about the occurrence, and replaces what the member was told of it before."""

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.models import Membership
from notifications.kinds import NotificationKind
from notifications.models import EmailFrequency
from notifications.services import notification_send, notifications_withdraw

from .models import (
    MeetingRoleKind,
    Occurrence,
    ReminderKind,
    ReminderSent,
    Rsvp,
    RsvpAnswer,
)

REMINDER_DAY = "meeting_reminder_day"
REMINDER_HOUR = "meeting_reminder_hour"
CANCELLED = "meeting_cancelled"
MOVED = "meeting_moved"
OPEN_ROLES = "meeting_open_roles"
REMINDER_KINDS = {ReminderKind.DAY_BEFORE: REMINDER_DAY, ReminderKind.HOUR_BEFORE: REMINDER_HOUR}
CHANGE_KINDS = {"cancelled": CANCELLED, "moved": MOVED}


def when(occurrence) -> str:
    """'mardi 3 mars 2026, 19:00 (Europe/Zurich)': in the current zone (the reader's), in the
    active language. Read away from the meeting's page, it always names its zone."""
    local = timezone.localtime(occurrence.starts_at)
    return f"{formats.date_format(local, 'l j F Y, H:i')} ({timezone.get_current_timezone_name()})"


def occurrence_url(occurrence) -> str:
    return reverse("meeting_occurrence", args=[occurrence.series.group.slug, occurrence.pk])


def _member_of_group(member, path="series__group"):
    return Exists(Membership.objects.filter(group=OuterRef(path), user=member))


# --- Reminders ---------------------------------------------------------------------------------

def reminders_for_notifications(ids, member) -> dict[int, ReminderSent]:
    """The member's own reminders, of meetings not cancelled, in groups they still belong to."""
    rows = (ReminderSent.objects.filter(pk__in=ids, member=member, occurrence__cancelled_at__isnull=True)
            .filter(_member_of_group(member, "occurrence__series__group"))
            .select_related("occurrence__series__group"))
    return {row.pk: row for row in rows}


def _reminder_text(reminder) -> str:
    occurrence = reminder.occurrence
    values = {"title": occurrence.series.title, "when": when(occurrence)}
    if reminder.kind == ReminderKind.HOUR_BEFORE:
        text = _("Rappel : « %(title)s » commence dans une heure, le %(when)s.") % values
    else:
        text = _("Rappel : « %(title)s » a lieu demain, le %(when)s.") % values
    if occurrence.is_moved:
        # Whoever kept the first date in mind is told it changed (a cancelled one is not reminded of).
        text = f"{text} {_('Attention : elle a été déplacée, cette date est la nouvelle.')}"
    return text


def _reminder_kind(label) -> NotificationKind:
    return NotificationKind(label=label, model=ReminderSent, subjects=reminders_for_notifications,
                            text=_reminder_text, url=lambda reminder: occurrence_url(reminder.occurrence),
                            place=lambda reminder: reminder.occurrence.series.group.name,
                            default=EmailFrequency.IMMEDIATE)


# --- Changes and open roles ---------------------------------------------------------------------

def occurrences_for_notifications(ids, member) -> dict[int, Occurrence]:
    rows = (Occurrence.objects.filter(pk__in=ids).filter(_member_of_group(member))
            .select_related("series__group"))
    return {row.pk: row for row in rows}


def open_occurrences_for_notifications(ids, member) -> dict[int, Occurrence]:
    """Only while a role is still open and the meeting is still to come: once the roles are
    taken, the call is not shown any more."""
    rows = (Occurrence.objects.filter(pk__in=ids, cancelled_at__isnull=True, starts_at__gt=timezone.now())
            .filter(_member_of_group(member))
            .annotate(roles_taken=Count("roles"))
            .filter(roles_taken__lt=len(MeetingRoleKind.values))
            .select_related("series__group"))
    return {row.pk: row for row in rows}


def _change_text(occurrence) -> str:
    values = {"title": occurrence.series.title, "when": when(occurrence)}
    if occurrence.is_cancelled:
        return _("« %(title)s » du %(when)s est annulée.") % values
    return _("« %(title)s » est déplacée : elle aura lieu le %(when)s.") % values


def _open_roles_text(occurrence) -> str:
    return _("« %(title)s » du %(when)s cherche encore quelqu'un pour un rôle : animer, tenir le temps "
             "ou accueillir.") % {"title": occurrence.series.title, "when": when(occurrence)}


def _occurrence_kind(label, text, subjects=occurrences_for_notifications, **more) -> NotificationKind:
    return NotificationKind(label=label, model=Occurrence, subjects=subjects, text=text, url=occurrence_url,
                            place=lambda occurrence: occurrence.series.group.name, **more)


KINDS = {
    REMINDER_DAY: _reminder_kind(gettext_lazy("Rappel d'une rencontre, 24 heures avant")),
    REMINDER_HOUR: _reminder_kind(gettext_lazy("Rappel d'une rencontre, 1 heure avant")),
    CANCELLED: _occurrence_kind(gettext_lazy("Rencontre annulée"), _change_text, default=EmailFrequency.IMMEDIATE),
    MOVED: _occurrence_kind(gettext_lazy("Rencontre déplacée"), _change_text, default=EmailFrequency.IMMEDIATE),
    OPEN_ROLES: _occurrence_kind(gettext_lazy("Rôle encore libre pour une rencontre"), _open_roles_text,
                                 subjects=open_occurrences_for_notifications),
}


def going_member_ids(occurrence) -> list[int]:
    """Who said they are going (the waiting list too: a change concerns them as much), and
    still belongs to the group."""
    return list(Rsvp.objects.filter(occurrence=occurrence, answer=RsvpAnswer.GOING)
                .filter(Exists(Membership.objects.filter(group=occurrence.series.group_id, user=OuterRef("member"))))
                .values_list("member_id", flat=True))


def occurrence_changed(occurrence, change: str) -> int:
    """Tell those going that this occurrence was cancelled or moved (`change`: "cancelled" or
    "moved"). What they were told of it before goes: a second move is news again."""
    occurrence = Occurrence.objects.select_related("series__group").get(pk=occurrence.pk)
    recipients = going_member_ids(occurrence)
    if not recipients:
        return 0
    for member_id in recipients:
        notifications_withdraw(subjects=occurrence, recipient=member_id)
    return len(notification_send(kind=CHANGE_KINDS[change], subject=occurrence, recipient_ids=recipients))
