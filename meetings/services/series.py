"""A group's meeting series: created, edited, ended, and its video room renamed."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.errors import DomainError
from entraide.standing import read_standing
from entraide.text import render_markdown

from .. import permissions
from ..models import (
    MeetingFormat,
    MeetingKind,
    MeetingSeries,
    Occurrence,
    Recurrence,
    RsvpAnswer,
    new_room_name,
)
from ..models.series import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from ..recurrence import check_rule, scheduled_starts, zone_of
from .occurrences import HORIZON, occurrences_extend, sequence_raise, tell_members_going
from .rsvps import waiting_list_promote

TITLE_NEEDED = _("Donnez un titre à la rencontre.")
TITLE_TOO_LONG = _("Le titre tient en 120 caractères au plus.")
DESCRIPTION_TOO_LONG = _("La description tient en 4000 caractères au plus.")
PLACE_NEEDED = _("Indiquez le lieu d'une rencontre en présentiel ou hybride.")
BAD_CHOICE = _("Ce choix n'existe pas.")
BAD_CAPACITY = _("Le nombre de places doit être d'au moins 1, ou laissé vide.")
CAPACITY_BELOW_GOING = _(
    "Déjà %(going)s personnes ont dit qu'elles viendraient à une rencontre à venir : "
    "le nombre de places ne peut pas être plus petit."
)
SERIES_ENDED_REASON = _("La série de rencontres est terminée.")
GROUP_STOPPED_REASON = _("Le groupe s'est arrêté.")
SCHEDULE_CHANGED_REASON = _("Les horaires de la série ont changé.")

# What a rule is made of: editing any of these recomputes the coming dates.
RULE_FIELDS = ("recurrence", "weekdays", "week_of_month", "starts_on", "ends_on", "start_time", "time_zone")


def _clean(*, title, description, kind, recurrence, weekdays, week_of_month, starts_on, ends_on, start_time,
           duration_minutes, time_zone, format, place, capacity, language) -> dict:
    title = (title or "").strip()
    if not title:
        raise DomainError(TITLE_NEEDED)
    if len(title) > TITLE_MAX_LENGTH:
        raise DomainError(TITLE_TOO_LONG)
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise DomainError(DESCRIPTION_TOO_LONG)
    if kind not in MeetingKind.values or recurrence not in Recurrence.values or format not in MeetingFormat.values:
        raise DomainError(BAD_CHOICE)
    weekdays = sorted({int(day) for day in weekdays or ()}) if recurrence != Recurrence.ONCE else []
    week_of_month = week_of_month if recurrence == Recurrence.MONTHLY else None
    check_rule(recurrence=recurrence, weekdays=weekdays, week_of_month=week_of_month, starts_on=starts_on,
               ends_on=ends_on, start_time=start_time, duration_minutes=duration_minutes, time_zone=time_zone)
    place = (place or "").strip()
    if format != MeetingFormat.ONLINE and not place:
        raise DomainError(PLACE_NEEDED)
    if capacity is not None and capacity < 1:
        raise DomainError(BAD_CAPACITY)
    return {"title": title, "description": description, "description_html": render_markdown(description), "kind": kind,
                "recurrence": recurrence, "weekdays": weekdays, "week_of_month": week_of_month, "starts_on": starts_on,
                "ends_on": ends_on if recurrence != Recurrence.ONCE else None, "start_time": start_time,
                "duration_minutes": duration_minutes, "time_zone": time_zone, "format": format, "place": place,
                "capacity": capacity, "language": language}


@transaction.atomic
def series_create(*, actor, group, title, description="", kind=MeetingKind.SHARING, recurrence, weekdays,
                  week_of_month=None, starts_on, ends_on=None, start_time, duration_minutes, time_zone, format,
                  place="", place_is_public=False, capacity=None, language="fr", newcomers_welcome=True,
                  now=None) -> MeetingSeries:
    permissions.check_create_series(read_standing(actor, group))
    fields = _clean(title=title, description=description, kind=kind, recurrence=recurrence, weekdays=weekdays,
                    week_of_month=week_of_month, starts_on=starts_on, ends_on=ends_on, start_time=start_time,
                    duration_minutes=duration_minutes, time_zone=time_zone, format=format, place=place,
                    capacity=capacity, language=language)
    series = MeetingSeries.objects.create(group=group, created_by=actor, place_is_public=bool(place_is_public),
                                          newcomers_welcome=bool(newcomers_welcome), **fields)
    occurrences_extend(series=series, now=now)
    return series


def _most_going(series: MeetingSeries, now) -> int:
    counts = (Occurrence.objects.filter(series=series, starts_at__gt=now, cancelled_at__isnull=True)
              .annotate(going=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.GOING,
                                                       rsvps__waiting_since__isnull=True)))
              .values_list("going", flat=True))
    return max(counts, default=0)


def _realign(series: MeetingSeries, now) -> None:
    """After a change of rule: the coming dates the new rule no longer gives are cancelled when
    someone answered, took a role or proposed an item (nothing is lost, those going are told),
    removed otherwise; dates not moved by hand take the new length."""
    keep = set(scheduled_starts(series, after=now, before=now + HORIZON))
    coming = (Occurrence.objects.filter(series=series, starts_at__gt=now, cancelled_at__isnull=True)
              .annotate(answers=Count("rsvps", distinct=True), jobs=Count("roles", distinct=True),
                        items=Count("agenda_items", distinct=True)))
    duration = timedelta(minutes=series.duration_minutes)
    for occurrence in coming:
        if occurrence.scheduled_start in keep or occurrence.is_moved:
            if not occurrence.is_moved and occurrence.ends_at - occurrence.starts_at != duration:
                occurrence.ends_at = occurrence.starts_at + duration
                occurrence.save(update_fields=["ends_at", "updated_at"])
            continue
        if occurrence.answers or occurrence.jobs or occurrence.items:
            occurrence.cancelled_at, occurrence.cancel_reason = now, str(SCHEDULE_CHANGED_REASON)
            occurrence.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
            tell_members_going(occurrence, "cancelled")
        else:
            occurrence.delete()


@transaction.atomic
def series_update(*, actor, series: MeetingSeries, title, description="", kind, recurrence, weekdays,
                  week_of_month=None, starts_on, ends_on=None, start_time, duration_minutes, time_zone, format,
                  place="", place_is_public=False, capacity=None, language, newcomers_welcome=True,
                  now=None) -> MeetingSeries:
    series = MeetingSeries.objects.select_for_update().select_related("group").get(pk=series.pk)
    permissions.check_plan(read_standing(actor, series.group), series)
    now = now or timezone.now()
    fields = _clean(title=title, description=description, kind=kind, recurrence=recurrence, weekdays=weekdays,
                    week_of_month=week_of_month, starts_on=starts_on, ends_on=ends_on, start_time=start_time,
                    duration_minutes=duration_minutes, time_zone=time_zone, format=format, place=place,
                    capacity=capacity, language=language)
    if capacity is not None:
        going = _most_going(series, now)
        if capacity < going:
            raise DomainError(CAPACITY_BELOW_GOING % {"going": going})
    schedule_changed = any(fields[name] != getattr(series, name) for name in (*RULE_FIELDS, "duration_minutes"))
    capacity_grew = series.capacity is not None and (capacity is None or capacity > series.capacity)
    for name, value in fields.items():
        setattr(series, name, value)
    series.place_is_public, series.newcomers_welcome = bool(place_is_public), bool(newcomers_welcome)
    series.sequence += 1
    series.save()
    if schedule_changed:
        _realign(series, now)
        occurrences_extend(series=series, now=now)
    if capacity_grew:
        for occurrence in Occurrence.objects.filter(series=series, starts_at__gt=now, cancelled_at__isnull=True):
            waiting_list_promote(occurrence, now=now)
    return series


@transaction.atomic
def series_end(*, actor, series: MeetingSeries, now=None) -> MeetingSeries:
    """No more dates after today. Coming occurrences are cancelled, not removed: what members
    answered or proposed stays, and those going are told."""
    series = MeetingSeries.objects.select_for_update().select_related("group").get(pk=series.pk)
    permissions.check_plan(read_standing(actor, series.group), series)
    return _end(series, now or timezone.now(), SERIES_ENDED_REASON)


def series_end_with_group(*, actor, group, now) -> None:
    """A group that stopped meets no more (registry.group_stopped): every running series
    ends, its coming meetings cancelled with the reason, and those going are told."""
    for series in MeetingSeries.objects.select_for_update().filter(group=group, ended_at__isnull=True):
        _end(series, now, GROUP_STOPPED_REASON)


def _end(series: MeetingSeries, now, reason) -> MeetingSeries:
    today = now.astimezone(zone_of(series.time_zone)).date()
    coming = list(Occurrence.objects.filter(series=series, starts_at__gt=now, cancelled_at__isnull=True))
    for occurrence in coming:
        occurrence.cancelled_at, occurrence.cancel_reason = now, str(reason)
        occurrence.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
        tell_members_going(occurrence, "cancelled")
    series.ended_at = now
    series.ends_on = max(series.starts_on, today) if series.recurrence != Recurrence.ONCE else None
    series.sequence += 1
    series.save(update_fields=["ended_at", "ends_on", "sequence", "updated_at"])
    return series


@transaction.atomic
def series_room_rotate(*, actor, series: MeetingSeries) -> MeetingSeries:
    """A new room name: the old link, wherever it was passed on, leads nowhere any more."""
    series = MeetingSeries.objects.select_for_update().select_related("group").get(pk=series.pk)
    permissions.check_plan(read_standing(actor, series.group), series)
    series.room_name = new_room_name()
    series.save(update_fields=["room_name", "updated_at"])
    sequence_raise(series)
    return series

