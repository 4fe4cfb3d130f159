"""What of a member's meetings goes into their export, and what goes when they delete their
account: their answers, the jobs they took, their reminders and calendar address go; the agenda
items they proposed stay, without their name (the author is cleared), like every text written
for a group. Registered from MeetingsConfig.ready()."""

from entraide import registry
from entraide.selectors.export import iso
from entraide.selectors.memberships import GroupNames

from .models import AgendaItem, MeetingRole, ReminderSent, Rsvp
from .services.calendars import calendar_feeds_forget


def _meeting(occurrence, group_name) -> dict:
    return {"group": group_name(occurrence.series.group), "meeting": occurrence.series.title,
            "starts_at": iso(occurrence.starts_at)}


def export_rsvps(user) -> list[dict]:
    names = GroupNames(user)
    rsvps = Rsvp.objects.filter(member=user).select_related("occurrence__series__group").order_by("created_at", "pk")
    return [{**_meeting(rsvp.occurrence, names), "answer": rsvp.answer, "waiting_since": iso(rsvp.waiting_since),
             "answered_at": iso(rsvp.updated_at)} for rsvp in rsvps]


def export_meeting_roles(user) -> list[dict]:
    names = GroupNames(user)
    roles = (MeetingRole.objects.filter(member=user).select_related("occurrence__series__group")
             .order_by("created_at", "pk"))
    return [{**_meeting(role.occurrence, names), "role": role.role, "taken_at": iso(role.created_at)}
            for role in roles]


def export_agenda_items(user) -> list[dict]:
    names = GroupNames(user)
    items = (AgendaItem.objects.filter(author=user).select_related("occurrence__series__group")
             .order_by("created_at", "pk"))
    return [{**_meeting(item.occurrence, names), "kind": item.kind, "text": item.text,
             "proposed_at": iso(item.created_at), "removed_at": iso(item.removed_at)} for item in items]


def forget_meetings(user) -> None:
    Rsvp.objects.filter(member=user).delete()
    MeetingRole.objects.filter(member=user).delete()
    ReminderSent.objects.filter(member=user).delete()
    calendar_feeds_forget(user)
    AgendaItem.objects.filter(author=user).update(author=None)


def register() -> None:
    registry.export_sections.register("meeting_rsvps", export_rsvps)
    registry.export_sections.register("meeting_roles", export_meeting_roles)
    registry.export_sections.register("meeting_agenda_items", export_agenda_items)
    registry.account_cleanups.register("meetings", forget_meetings)
