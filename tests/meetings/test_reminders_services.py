"""Reminders go 24 hours and 1 hour before to members going with a place, once each, with the
occurrence as an .ics; a moved occurrence is reminded of again; each member chooses by e-mail
through their notification preferences. 48 hours before, the group hears of an open role."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from meetings import notifying
from meetings.models import MeetingRoleKind, ReminderKind, ReminderSent, RsvpAnswer
from meetings.services.occurrences import occurrence_cancel, occurrence_move
from meetings.services.reminders import open_roles_announce, reminders_send
from meetings.services.roles import meeting_role_take
from meetings.services.rsvps import rsvp_set
from notifications.models import EmailFrequency, Notification
from notifications.selectors import worded
from notifications.services import notification_preferences_set
from tests.factories import UserFactory, join

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


def _occurrence_with_one_going():
    group, planner = planned_group()
    series = weekly_series(group, planner)
    occurrence = series.occurrences.order_by("starts_at").first()
    going = join(group)
    rsvp_set(actor=going, occurrence=occurrence, answer=RsvpAnswer.GOING)
    return group, planner, occurrence, going


def _send(at, capture):
    with capture(execute=True):
        return reminders_send(now=at)


def test_the_day_before_a_member_going_gets_one_reminder_with_the_occurrence_attached(
        django_capture_on_commit_callbacks):
    _group, _planner, occurrence, going = _occurrence_with_one_going()
    day_before = occurrence.starts_at - timedelta(hours=23)

    sent = _send(day_before, django_capture_on_commit_callbacks)
    again = _send(day_before + timedelta(minutes=5), django_capture_on_commit_callbacks)

    assert (sent, again) == (1, 0)
    reminder = ReminderSent.objects.get()
    assert (reminder.member, reminder.kind) == (going, ReminderKind.DAY_BEFORE)
    message, = mail.outbox
    assert message.to == [going.email] and "List-Unsubscribe" in message.extra_headers
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    event, = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert event["DTSTART"].dt == occurrence.starts_at
    assert Notification.objects.get().emailed_at is not None


def test_a_reminder_mail_gives_the_hour_in_the_members_own_time_zone(django_capture_on_commit_callbacks):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.order_by("starts_at").first()
    going = join(group, UserFactory(time_zone="America/Montreal"))
    rsvp_set(actor=going, occurrence=occurrence, answer=RsvpAnswer.GOING)

    _send(occurrence.starts_at - timedelta(hours=23), django_capture_on_commit_callbacks)

    message, = mail.outbox
    montreal = occurrence.starts_at.astimezone(ZoneInfo("America/Montreal"))
    assert f"{montreal:%H:%M} (America/Montreal)" in message.body
    assert "19:00" not in message.body


def test_the_hour_before_comes_as_a_second_reminder(django_capture_on_commit_callbacks):
    _group, _planner, occurrence, going = _occurrence_with_one_going()
    _send(occurrence.starts_at - timedelta(hours=23), django_capture_on_commit_callbacks)

    _send(occurrence.starts_at - timedelta(minutes=50), django_capture_on_commit_callbacks)

    assert sorted(ReminderSent.objects.values_list("kind", flat=True)) == [ReminderKind.DAY_BEFORE,
                                                                           ReminderKind.HOUR_BEFORE]
    assert Notification.objects.filter(recipient=going).count() == 2
    assert len(mail.outbox) == 2


def test_a_moved_occurrence_is_reminded_of_again_at_its_new_time(django_capture_on_commit_callbacks):
    _group, planner, occurrence, going = _occurrence_with_one_going()
    _send(occurrence.starts_at - timedelta(hours=23), django_capture_on_commit_callbacks)
    moved = occurrence_move(actor=planner, occurrence=occurrence, starts_at=occurrence.starts_at + timedelta(hours=2),
                            reason="La salle est libre plus tard.")

    sent = _send(moved.starts_at - timedelta(hours=23), django_capture_on_commit_callbacks)

    assert sent == 1
    assert ReminderSent.objects.filter(member=going, kind=ReminderKind.DAY_BEFORE).count() == 2
    # The second reminder says the date was moved, and its .ics carries the new start.
    second = mail.outbox[-1]
    assert "elle a été déplacée" in second.body
    event, = icalendar.Calendar.from_ical(second.attachments[0][1]).walk("VEVENT")
    assert event["DTSTART"].dt == moved.starts_at


def test_a_cancelled_occurrence_is_not_reminded_of_and_an_earlier_reminder_leaves_the_list(
        django_capture_on_commit_callbacks):
    _group, planner, occurrence, going = _occurrence_with_one_going()
    _send(occurrence.starts_at - timedelta(hours=23), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_cancel(actor=planner, occurrence=occurrence, reason="Salle fermée.")

    sent = _send(occurrence.starts_at - timedelta(minutes=50), django_capture_on_commit_callbacks)

    assert sent == 0
    line, = worded(list(Notification.objects.filter(recipient=going)), going)
    assert "est annulée" in line.text and "Rappel" not in line.text


def test_a_member_who_switched_reminder_mails_off_gets_it_in_the_page_only(django_capture_on_commit_callbacks):
    _group, _planner, occurrence, going = _occurrence_with_one_going()
    notification_preferences_set(actor=going, choices={notifying.REMINDER_DAY: EmailFrequency.NEVER})

    _send(occurrence.starts_at - timedelta(hours=23), django_capture_on_commit_callbacks)

    assert mail.outbox == []
    line, = worded(list(Notification.objects.filter(recipient=going)), going)
    assert occurrence.series.title in line.text and "demain" in line.text


def test_nobody_on_the_waiting_list_or_undecided_is_reminded(django_capture_on_commit_callbacks):
    group, planner = planned_group()
    series = weekly_series(group, planner, capacity=1)
    occurrence = series.occurrences.order_by("starts_at").first()
    first, waiting, maybe = join(group), join(group), join(group)
    rsvp_set(actor=first, occurrence=occurrence, answer=RsvpAnswer.GOING)
    rsvp_set(actor=waiting, occurrence=occurrence, answer=RsvpAnswer.GOING)
    rsvp_set(actor=maybe, occurrence=occurrence, answer=RsvpAnswer.MAYBE)

    _send(occurrence.starts_at - timedelta(hours=23), django_capture_on_commit_callbacks)

    assert list(ReminderSent.objects.values_list("member_id", flat=True)) == [first.pk]


def test_a_second_move_tells_those_going_again(django_capture_on_commit_callbacks):
    _group, planner, occurrence, going = _occurrence_with_one_going()
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_move(actor=planner, occurrence=occurrence, starts_at=occurrence.starts_at + timedelta(hours=1),
                        reason="Plus tard.")
    Notification.objects.update(read_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        moved = occurrence_move(actor=planner, occurrence=occurrence,
                                starts_at=occurrence.starts_at + timedelta(hours=2), reason="Encore plus tard.")

    notification = Notification.objects.get(recipient=going)
    assert notification.kind == notifying.MOVED and notification.read_at is None
    line, = worded([notification], going)
    assert "déplacée" in line.text and moved.starts_at.astimezone(
        timezone.get_fixed_timezone(60)).strftime("%H:%M") in line.text


def test_48_hours_before_the_group_hears_once_of_an_open_role():
    group, planner = planned_group()
    series = weekly_series(group, planner)
    occurrence = series.occurrences.order_by("starts_at").first()
    member = join(group)
    meeting_role_take(actor=member, occurrence=occurrence, role=MeetingRoleKind.HOST)
    two_days_before = occurrence.starts_at - timedelta(hours=47)

    announced = open_roles_announce(now=two_days_before)
    again = open_roles_announce(now=two_days_before + timedelta(minutes=5))

    assert (announced, again) == (1, 0)
    assert set(Notification.objects.filter(kind=notifying.OPEN_ROLES).values_list("recipient_id", flat=True)) == {
        planner.pk, member.pk}


def test_the_call_for_an_open_role_is_not_shown_once_every_role_is_taken():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.order_by("starts_at").first()
    open_roles_announce(now=occurrence.starts_at - timedelta(hours=47))
    for role in MeetingRoleKind.values:
        meeting_role_take(actor=join(group), occurrence=occurrence, role=role)

    assert worded(list(Notification.objects.filter(recipient=planner)), planner) == []
