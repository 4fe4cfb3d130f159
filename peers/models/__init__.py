"""The programme's models, by noun."""

from .calls import PairingCall, pairing_room_name
from .decisions import (
    GUIDELINES_MAX_LENGTH,
    ProgrammeObjection,
    ProgrammeProposal,
    ProgrammeProposalKind,
    ProgrammeProposalStatus,
)
from .feedback import PairingFeedback
from .line import (
    DutySlot,
    HandoverNote,
    LineConversation,
    LineConversationTally,
    LineGuest,
    LineMessage,
    LineStatus,
)
from .pairings import (
    REQUEST_TIMEOUT,
    WORDS_MAX_LENGTH,
    Format,
    OfferStatus,
    Pairing,
    PairingOffer,
    PairingRequest,
    RequestStatus,
)
from .programmes import CoordinatorTerm, Programme
from .starters import (
    MEETINGS_ACCOMPANIED,
    NEW_GROUP_AGE,
    STARTER_TERM,
    StarterAssignment,
    StarterEndReason,
    StarterRequest,
    StarterRequestStatus,
    StarterVolunteer,
    StarterVolunteerLanguage,
)
from .supporters import MAX_PAIRINGS_AT_ONCE, Supporter, SupporterLanguage, WeeklySlot

__all__ = [
    "GUIDELINES_MAX_LENGTH", "MAX_PAIRINGS_AT_ONCE", "MEETINGS_ACCOMPANIED", "NEW_GROUP_AGE", "REQUEST_TIMEOUT",
    "STARTER_TERM", "WORDS_MAX_LENGTH", "CoordinatorTerm", "DutySlot", "Format", "HandoverNote", "LineConversation", "LineConversationTally",
    "LineGuest", "LineMessage", "LineStatus", "OfferStatus", "Pairing", "PairingCall", "PairingFeedback",
    "PairingOffer", "PairingRequest", "Programme", "ProgrammeObjection", "ProgrammeProposal",
    "ProgrammeProposalKind", "ProgrammeProposalStatus", "RequestStatus", "StarterAssignment", "StarterEndReason",
    "StarterRequest", "StarterRequestStatus", "StarterVolunteer", "StarterVolunteerLanguage", "Supporter",
    "SupporterLanguage", "WeeklySlot", "pairing_room_name",
]
