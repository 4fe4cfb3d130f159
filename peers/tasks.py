"""Background work of peer support (django-tasks)."""

from django_tasks import task


@task()
def pass_waiting_requests() -> int:
    """Requests no one accepted within 48 h go to the coordinators. The clock enqueues it
    hourly (peers.apps). Returns how many were passed."""
    from .services.pairings import requests_pass_due

    return len(requests_pass_due())


@task()
def erase_old_line_conversations() -> int:
    """Listening-line conversations are erased 30 days after they ended, unless reported. The
    clock enqueues it hourly (peers.apps). Returns how many were erased."""
    from .services.line import lines_erase_expired

    return lines_erase_expired()


@task()
def close_expired_line_guests() -> int:
    """Guest accounts past their few hours are closed and their data erased; every ten minutes
    (peers.apps). Returns how many were closed."""
    from .services.guests import guests_close_expired

    return guests_close_expired()


@task()
def settle_programme_proposals() -> int:
    """Adopt the programme proposals whose consent window closed. Enqueued at each proposal's
    decides_at, and every ten minutes by the clock (peers.apps) in case one was lost. Returns how
    many took effect."""
    from .services.decisions import programme_proposals_settle_due

    return programme_proposals_settle_due()


@task()
def end_due_starter_assignments() -> int:
    """Group starters whose accompaniment is over (three meetings held or three months) go back
    to being plain members; hourly (peers.apps). Returns how many ended."""
    from .services.starters import starter_assignments_end_due

    return starter_assignments_end_due()
