"""Background work of the moderation module (django-tasks)."""

from django_tasks import task


@task()
def settle_due_proposals() -> int:
    """Adopt the proposals whose consent window closed. Returns how many took effect."""
    from .services.proposals import proposal_settle_due

    return proposal_settle_due()
