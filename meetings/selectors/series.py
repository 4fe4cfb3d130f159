"""The group's live series, as the meetings page lists them for those who plan."""

from .. import permissions
from ..models import MeetingSeries


def live_series(standing) -> list[MeetingSeries]:
    series_list = list(MeetingSeries.objects.filter(group=standing.group, ended_at__isnull=True).order_by("pk"))
    for series in series_list:
        series.group = standing.group
        series.can_plan = permissions.can_plan(standing, series)
    return series_list

