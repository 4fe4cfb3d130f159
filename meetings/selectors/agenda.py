"""The agenda page of an occurrence: its items in order, its notes, its speaker, and what the
reader may do there, in a fixed number of queries whatever the agenda's length."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from entraide.errors import NotFound

from .. import permissions as rules
from ..models import AgendaItem, MeetingRole, Occurrence
from ..recurrence import zone_of
from ..services.agenda import AGENDA_TEMPLATES, PROMPTS


@dataclass
class AgendaPage:
    occurrence: Occurrence
    items: list = field(default_factory=list)
    note: object = None
    speaker: object = None
    can_propose: bool = False
    can_arrange: bool = False
    can_write_note: bool = False
    can_coordinate_speaker: bool = False
    templates: list = field(default_factory=list)
    prompts: list = field(default_factory=list)


def agenda_items_prefetch():
    return Prefetch("agenda_items", to_attr="active_items",
                    queryset=AgendaItem.objects.filter(removed_at__isnull=True).select_related("author"))


def agenda_page(standing, pk, *, now=None) -> AgendaPage:
    now = now or timezone.now()
    occurrence = (Occurrence.objects.filter(pk=pk, series__group=standing.group)
                  .select_related("series", "note", "speaker")
                  .prefetch_related(agenda_items_prefetch(), Prefetch("roles", queryset=MeetingRole.objects.all()))
                  .first())
    if occurrence is None:
        raise NotFound()
    occurrence.series.group = standing.group
    zone = zone_of(occurrence.series.time_zone)
    occurrence.local_start = occurrence.starts_at.astimezone(zone)
    occurrence.local_end = occurrence.ends_at.astimezone(zone)
    page = AgendaPage(occurrence=occurrence, items=occurrence.active_items,
                      # A missing one-to-one raises an AttributeError too: None then.
                      note=getattr(occurrence, "note", None), speaker=getattr(occurrence, "speaker", None))
    page.can_propose = rules.can_propose_item(standing, occurrence, now)
    page.can_arrange = rules.can_arrange_agenda(standing, occurrence, now)
    page.can_write_note = rules.can_write_note(standing, occurrence, now)
    page.can_coordinate_speaker = rules.can_coordinate_speaker(standing, occurrence)
    for item in page.items:
        item.occurrence = occurrence
        item.can_remove = page.can_arrange or rules.can_remove_item(standing, item, now)
        item.report_url = _report_url(standing, "agenda_item", item)
    if page.note is not None:
        page.note.report_url = _report_url(standing, "meeting_note", page.note)
    if page.can_arrange:
        page.templates = list(AGENDA_TEMPLATES.values())
        page.prompts = list(PROMPTS.items())
    return page


def _report_url(standing, kind, obj) -> str:
    """Members report what someone else wrote."""
    if not standing.is_member or obj.author_id == standing.user_id:
        return ""
    return reverse("group_report", kwargs={"slug": standing.group.slug, "kind": kind, "object_id": obj.pk})


def item_in(standing, occurrence_pk, pk) -> AgendaItem:
    item = (AgendaItem.objects.filter(pk=pk, occurrence_id=occurrence_pk, occurrence__series__group=standing.group,
                                      removed_at__isnull=True)
            .select_related("occurrence__series").first())
    if item is None:
        raise NotFound()
    return item
