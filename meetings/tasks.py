"""Background work of the meetings module (django-tasks)."""

from django_tasks import task


@task()
def extend_horizons() -> int:
    """Give every live series its rows up to the horizon (daily). Returns how many were made."""
    from .models import MeetingSeries
    from .services.occurrences import occurrences_extend

    return sum(occurrences_extend(series=series) for series in MeetingSeries.objects.filter(ended_at__isnull=True))


@task()
def send_meeting_reminders() -> int:
    """The reminders due now (24 h and 1 h before) and the calls for open roles (48 h before).
    The clock enqueues it every few minutes (meetings.apps). Returns reminders sent."""
    from .services.reminders import open_roles_announce, reminders_send

    sent = reminders_send()
    open_roles_announce()
    return sent
