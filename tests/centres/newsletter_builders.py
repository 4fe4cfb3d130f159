"""Newsletter state built through the services: approved stories, issues, subscribers."""

from datetime import datetime
from zoneinfo import ZoneInfo

from centres.models import NewsletterSubscription
from centres.services.newsletter import confirm_token, newsletter_confirm, newsletter_subscribe
from forums.services.stories import story_approve, story_offer
from tests.forums.builders import forum

ZURICH = ZoneInfo("Europe/Zurich")
# Mid-November: the issue of November is built and sent at the start of December.
NOVEMBER = datetime(2026, 11, 12, 10, 0, tzinfo=ZURICH)
DECEMBER_FIRST = datetime(2026, 12, 1, 0, 30, tzinfo=ZURICH)


def approved_story(*, title="Ce qui m'a aidé", body="Parler au « je » m'a aidé.", when=NOVEMBER, signature="pseudonym"):
    group, moderator, author = forum()
    story = story_offer(actor=author, group=group, title=title, body=body, signature=signature, consent=True,
                        now=when)
    return story_approve(actor=moderator, story=story, now=when)


def subscriber(email="lea@example.org", *, language="fr") -> NewsletterSubscription:
    """A confirmed visitor, through the double opt-in."""
    from django.contrib.auth.models import AnonymousUser

    subscription = newsletter_subscribe(actor=AnonymousUser(), email=email, language=language)
    newsletter_confirm(token=confirm_token(subscription))
    subscription.refresh_from_db()
    return subscription
