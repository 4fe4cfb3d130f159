"""Background work of the centres (django-tasks): the newsletter's mails."""

from django_tasks import task


@task()
def send_newsletter_confirmation(subscription_id: int) -> int:
    """The double opt-in link, to an address that asked for the newsletter. Returns mails sent."""
    from .models import NewsletterSubscription
    from .services.newsletter import confirmation_mail_send

    subscription = NewsletterSubscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True).first()
    return confirmation_mail_send(subscription) if subscription else 0


@task()
def send_newsletter() -> int:
    """Last month's issue, built on the first run of the month and mailed once to every confirmed
    subscriber. The clock enqueues it every hour (centres.apps); a sent issue makes it do nothing.
    Returns mails sent."""
    from .services.newsletter import newsletter_due_issue, newsletter_issue_send

    issue = newsletter_due_issue()
    return newsletter_issue_send(issue=issue) if issue else 0
