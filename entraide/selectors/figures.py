"""Figures for funders, gathered from the apps: counts only, never a person.

Each app registers a FunderFigure on `registry.funder_figures`. Its `count` is asked with the
regions a centre serves (None: the whole platform) and the months to cover, and answers with
labelled counts in ONE query, or None when it cannot tell regions apart (a pairing has no
region): the page then shows it for the whole platform only. Counts under 5 are never shown as
numbers (centres.selectors.figures)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class Month:
    """A calendar month in the platform's time zone, as [starts, ends)."""

    starts: datetime
    ends: datetime

    @property
    def key(self) -> str:
        return self.starts.strftime("%Y-%m")


@dataclass(frozen=True)
class FunderFigure:
    title: Callable[[], str]          # a lazy string, worded in the reader's language when read
    # (*, regions: list | None, months: list[Month]) -> list of (label, count) | None
    count: Callable
    by_month: bool = False            # a series over `months`, labelled by Month.key
    note: Callable[[], str] | None = None  # what the reader should know to read it, if anything


def last_months(now=None, *, count: int = MONTHS_SHOWN) -> list[Month]:
    """The `count` months up to and including this one, oldest first."""
    here = timezone.localtime(now or timezone.now())
    year, month = here.year, here.month
    starts = []
    for _ in range(count):
        starts.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    zone = timezone.get_default_timezone()
    months = []
    for year, month in reversed(starts):
        following = (year, month + 1) if month < 12 else (year + 1, 1)
        months.append(Month(starts=datetime(year, month, 1, tzinfo=zone),
                            ends=datetime(*following, 1, tzinfo=zone)))
    return months


def count_by_month(queryset, field: str, months: list[Month]) -> list[tuple[str, int]]:
    """(month key, count) for every month, the rows of `queryset` grouped by the month of `field`
    in the platform's time zone: ONE query (GROUP BY)."""
    rows = (queryset.filter(**{f"{field}__gte": months[0].starts, f"{field}__lt": months[-1].ends})
            .annotate(month=TruncMonth(field, tzinfo=timezone.get_default_timezone()))
            .values("month").annotate(n=Count("pk")).order_by().values_list("month", "n"))
    tally = dict.fromkeys((month.key for month in months), 0)
    for month, n in rows:
        key = month.strftime("%Y-%m")
        if key in tally:
            tally[key] += n
    return list(tally.items())
