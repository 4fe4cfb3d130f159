from .agenda import (
    ITEM_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    AgendaItem,
    AgendaItemKind,
    MeetingNote,
    SpeakerInvitation,
    SpeakerStatus,
)
from .calendars import CalendarFeed, ReminderKind, ReminderSent
from .live import TIMER_MAX_SECONDS, TIMER_MIN_SECONDS, LiveHand, LiveRoom, LiveTurn, TurnOutcome
from .occurrences import REASON_MAX_LENGTH, MeetingRole, MeetingRoleKind, Occurrence, Rsvp, RsvpAnswer
from .series import (
    DEFAULT_TIME_ZONE,
    MAX_DURATION_MINUTES,
    ROOM_NAME_LENGTH,
    MeetingFormat,
    MeetingKind,
    MeetingSeries,
    Recurrence,
    new_room_name,
)

__all__ = [
    "DEFAULT_TIME_ZONE", "ITEM_MAX_LENGTH", "MAX_DURATION_MINUTES", "NOTE_MAX_LENGTH", "REASON_MAX_LENGTH",
    "ROOM_NAME_LENGTH", "TIMER_MAX_SECONDS", "TIMER_MIN_SECONDS", "AgendaItem", "AgendaItemKind", "CalendarFeed",
    "LiveHand", "LiveRoom", "LiveTurn", "MeetingFormat", "MeetingKind", "MeetingNote", "MeetingRole",
    "MeetingRoleKind", "MeetingSeries", "Occurrence", "Recurrence", "ReminderKind", "ReminderSent", "Rsvp",
    "RsvpAnswer", "SpeakerInvitation", "SpeakerStatus", "TurnOutcome", "new_room_name",
]
