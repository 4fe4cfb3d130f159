from .centres import Centre, CentreAccompaniment, CentreRegion, CentreStaff
from .listings import ExternalListing, ListingKind

__all__ = ["Centre", "CentreAccompaniment", "CentreRegion", "CentreStaff", "ExternalListing", "ListingKind"]
