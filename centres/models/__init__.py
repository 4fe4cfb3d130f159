from .centres import Centre, CentreAccompaniment, CentreStaff
from .listings import ExternalListing, ListingKind

__all__ = ["Centre", "CentreAccompaniment", "CentreStaff", "ExternalListing", "ListingKind"]
