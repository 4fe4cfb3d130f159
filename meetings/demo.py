"""Meetings for the demo data (manage.py seed_demo, through registry.demo_data): each demo group
has a weekly meeting with an agenda (an opening and a closing round, an item, a prompt), and one
meeting in the next hour, to try joining. Written through the services. Idempotent: a series
whose title already stands in its group is left alone."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models import DEFAULT_TIME_ZONE, MeetingFormat, MeetingSeries, Recurrence
from .services.agenda import (
    agenda_item_propose,
    agenda_prompt_add,
    agenda_template_apply,
)
from .services.series import series_create

WEEKLY_TITLE = {"fr": "Rencontre de la semaine", "de": "Wöchentliches Treffen", "it": "Incontro settimanale",
                "en": "Weekly meeting"}
SOON_TITLE = {"fr": "Rencontre d'essai", "de": "Probetreffen", "it": "Incontro di prova", "en": "Trial meeting"}
ITEM = {"fr": "Comment organiser les vacances d'été du groupe ?", "de": "Wie organisieren wir die Sommerpause?",
        "it": "Come organizziamo la pausa estiva del gruppo?", "en": "How do we organise the group's summer break?"}
PLACES = {MeetingFormat.IN_PERSON: "Salle communale, 1er étage", MeetingFormat.HYBRID: "Salle communale, 1er étage"}


def _format(group) -> str:
    return group.format if group.format in MeetingFormat.values else MeetingFormat.ONLINE


def _create(group, *, title, recurrence, weekdays, starts_on, start_time, language):
    meeting_format = _format(group)
    return series_create(
        actor=group.created_by, group=group, title=title, recurrence=recurrence, weekdays=weekdays,
        starts_on=starts_on, start_time=start_time, duration_minutes=90, time_zone=DEFAULT_TIME_ZONE,
        format=meeting_format, place=PLACES.get(meeting_format, ""), language=language,
    )


def seed_meetings(*, members: dict, groups: dict) -> int:
    """Create the demo series that are missing; returns how many were created."""
    created = 0
    now = timezone.now()
    local = now.astimezone(ZoneInfo(DEFAULT_TIME_ZONE))
    for group in groups.values():
        language = group.language_rows.values_list("code", flat=True).first() or "fr"
        if not MeetingSeries.objects.filter(group=group, title=WEEKLY_TITLE[language]).exists():
            series = _create(group, title=WEEKLY_TITLE[language], recurrence=Recurrence.WEEKLY,
                             weekdays=[1], starts_on=local.date(), start_time=local.replace(
                                 hour=19, minute=0, second=0, microsecond=0).time(), language=language)
            first = series.occurrences.order_by("starts_at").first()
            if first is not None:
                agenda_template_apply(actor=group.created_by, occurrence=first, template="rounds")
                agenda_item_propose(actor=group.created_by, occurrence=first, text=ITEM[language])
                agenda_prompt_add(actor=group.created_by, occurrence=first, prompt="highlights")
            created += 1
        if not MeetingSeries.objects.filter(group=group, title=SOON_TITLE[language]).exists():
            soon = (local + timedelta(minutes=40)).replace(second=0, microsecond=0)
            soon = soon.replace(minute=soon.minute - soon.minute % 5)
            _create(group, title=SOON_TITLE[language], recurrence=Recurrence.ONCE, weekdays=[],
                    starts_on=soon.date(), start_time=soon.time(), language=language)
            created += 1
    return created
