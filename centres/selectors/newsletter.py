"""The reads of the newsletter's pages and mails, each with a fixed number of queries. An
issue is read from what it keeps (story and group ids) filtered by their state now: a story
withdrawn or a group stopped since it was built is simply not there."""

from datetime import date

from django.http import Http404

from entraide.models import Visibility
from forums.models import StoryStatus

from ..models import NewsletterIssue, NewsletterSubscription


def newsletter_archive() -> list[NewsletterIssue]:
    return list(NewsletterIssue.objects.order_by("-month"))


def newsletter_issue(year: int, month: int) -> NewsletterIssue:
    try:
        first = date(int(year), int(month), 1)
    except (ValueError, OverflowError):
        raise Http404 from None
    issue = NewsletterIssue.objects.filter(month=first).first()
    if issue is None:
        raise Http404
    return issue


def issue_contents(issue) -> dict:
    """Two queries: the stories still approved, the groups still listed and running."""
    stories = list(issue.stories.filter(status=StoryStatus.APPROVED).select_related("author")
                   .order_by("decided_at", "pk"))
    groups = list(issue.groups.filter(visibility=Visibility.LISTED, stopped_at__isnull=True)
                  .select_related("region").order_by("name", "pk"))
    return {"stories": stories, "groups": groups}


def member_subscription(user) -> NewsletterSubscription | None:
    """The signed-in member's subscription, by account or by address; None for a visitor."""
    if not user.is_authenticated:
        return None
    return (NewsletterSubscription.objects.filter(member=user).first()
            or NewsletterSubscription.objects.filter(email__iexact=user.email).first())
