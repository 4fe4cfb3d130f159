"""Background work of peer support (django-tasks)."""

from django_tasks import task


@task()
def pass_waiting_requests() -> int:
    """Requests no one accepted within 48 h go to the coordinators. The clock enqueues it
    hourly (peers.apps). Returns how many were passed."""
    from .services.pairings import requests_pass_due

    return len(requests_pass_due())
