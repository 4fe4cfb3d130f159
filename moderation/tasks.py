"""Background work of the moderation module (django-tasks)."""

from django_tasks import task


@task()
def settle_due_proposals() -> int:
    """Adopt the proposals whose consent window closed. Returns how many took effect."""
    from .services.proposals import proposal_settle_due

    return proposal_settle_due()


@task()
def escalate_due_reports() -> int:
    """Send the reports left unhandled for 72 hours to the platform staff. Returns how many."""
    from .services.escalation import reports_escalate_due

    return reports_escalate_due()
