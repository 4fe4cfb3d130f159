from .centres import Centre, CentreAccompaniment, CentreRegion, CentreStaff
from .listings import ExternalListing, ListingKind

__all__ = ["Centre", "CentreAccompaniment", "CentreRegion", "CentreStaff", "ExternalListing", "ListingKind"]
from .newsletter import EMAIL_MAX_LENGTH, NEWSLETTER_LANGUAGES, NewsletterDelivery, NewsletterIssue, NewsletterSubscription

__all__ += ["EMAIL_MAX_LENGTH", "NEWSLETTER_LANGUAGES", "NewsletterDelivery", "NewsletterIssue",
            "NewsletterSubscription"]
