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
from .calls import PairingCall, pairing_room_name  # noqa: F401 (re-exported)
from .line import DutySlot, HandoverNote, LineConversation, LineGuest, LineMessage, LineStatus  # noqa: F401
from .feedback import PairingFeedback  # noqa: F401
from .decisions import GUIDELINES_MAX_LENGTH, ProgrammeObjection, ProgrammeProposal, ProgrammeProposalKind, ProgrammeProposalStatus  # noqa: F401,E501
from .programmes import CoordinatorTerm, Programme
from .supporters import MAX_PAIRINGS_AT_ONCE, Supporter, SupporterLanguage, WeeklySlot

__all__ = [
    "MAX_PAIRINGS_AT_ONCE", "REQUEST_TIMEOUT", "WORDS_MAX_LENGTH", "CoordinatorTerm", "Format", "OfferStatus", "Pairing",
    "PairingOffer", "PairingRequest", "Programme", "RequestStatus", "Supporter", "SupporterLanguage",
    "WeeklySlot",
]
from .starters import (  # noqa: E402,F401 (re-exported)
    StarterAssignment, StarterEndReason, StarterRequest, StarterRequestStatus, StarterVolunteer,
    StarterVolunteerLanguage,
)
