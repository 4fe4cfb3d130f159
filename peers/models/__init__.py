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
from .supporters import MAX_PAIRINGS_AT_ONCE, Supporter, SupporterLanguage, WeeklySlot

__all__ = [
    "MAX_PAIRINGS_AT_ONCE", "REQUEST_TIMEOUT", "WORDS_MAX_LENGTH", "CoordinatorTerm", "Format", "OfferStatus", "Pairing",
    "PairingOffer", "PairingRequest", "Programme", "RequestStatus", "Supporter", "SupporterLanguage",
    "WeeklySlot",
]
