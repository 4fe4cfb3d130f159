from .accounts import User, UserManager
from .contact import ContactCircle, ContactMessage, ContactWish
from .groups import (
    Audience,
    Group,
    GroupFormat,
    GroupKind,
    GroupLanguage,
    JoinPolicy,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    PastMembership,
    Rhythm,
    Visibility,
)
from .taxonomy import Region, Sector, Theme

__all__ = [
    "Audience",
    "ContactCircle",
    "ContactMessage",
    "ContactWish",
    "Group",
    "GroupFormat",
    "GroupKind",
    "GroupLanguage",
    "JoinPolicy",
    "JoinRequest",
    "JoinRequestStatus",
    "Membership",
    "PastMembership",
    "Region",
    "Rhythm",
    "Sector",
    "Theme",
    "User",
    "UserManager",
    "Visibility",
]
