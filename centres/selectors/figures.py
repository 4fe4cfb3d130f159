"""Figures for funders: what every app registers on `registry.funder_figures`, counted for a
centre's regions or for the whole platform, with every count from 1 to 4 shown as "fewer than
5" (in the page, the charts and the CSV alike), so that no one can be recognised.

The group figures are counted here, from the core's groups and memberships. A centre's groups
are those of the regions it serves."""

from dataclasses import dataclass

from django.db.models import Count, DateTimeField, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide import registry
from entraide.models import Group, Membership, PastMembership, Region, Sector, Theme
from entraide.selectors.figures import FunderFigure, count_by_month, last_months

# Counts from 1 to SMALL_COUNT - 1 are never shown as numbers.
SMALL_COUNT = 5


@dataclass(frozen=True)
class Row:
    label: str
    count: int

    @property
    def hidden(self) -> bool:
        return 0 < self.count < SMALL_COUNT

    @property
    def shown(self) -> str:
        """The count as anyone may read it."""
        return _("moins de 5") if self.hidden else str(self.count)


@dataclass(frozen=True)
class Figure:
    name: str
    title: str
    rows: list[Row]
    by_month: bool
    # True when the app cannot tell regions apart: the whole platform's count, on a centre's page too.
    platform_wide: bool
    note: str = ""

    @property
    def largest(self) -> int:
        return max((row.count for row in self.rows if not row.hidden), default=0)


def _region_filter(regions, field="region__in") -> dict:
    return {} if regions is None else {field: regions}


def _running(regions, prefix="groups__"):
    """Groups in activity (not stopped), of the regions when given, as a filter across `prefix`."""
    return Q(**{f"{prefix}stopped_at__isnull": True}, **_region_filter(regions, f"{prefix}region__in"))


def groups_by_theme(*, regions, months):
    """Every theme that has a group in activity: one query (GROUP BY theme)."""
    themes = (Theme.objects.annotate(n=Count("groups", filter=_running(regions), distinct=True))
              .filter(n__gt=0))
    return sorted(((theme.name, theme.n) for theme in themes), key=lambda row: row[0])


def groups_by_sector(*, regions, months):
    """A group whose themes span two sectors counts once in each: one query (GROUP BY sector)."""
    sectors = Sector.objects.annotate(
        n=Count("themes__groups", filter=_running(regions, "themes__groups__"), distinct=True))
    return [(sector.name, sector.n) for sector in sectors]


def groups_by_region(*, regions, months):
    """Every region (a centre's: those it serves), with its groups in activity: one query."""
    served = Region.objects.all() if regions is None else Region.objects.filter(pk__in=[r.pk for r in regions])
    served = served.annotate(n=Count("groups", filter=_running(None), distinct=True))
    return [(region.name, region.n) for region in served]


def groups_created(*, regions, months):
    return count_by_month(Group.objects.filter(**_region_filter(regions)), "created_at", months)


def groups_stopped(*, regions, months):
    return count_by_month(Group.objects.filter(**_region_filter(regions)), "stopped_at", months)


def members_at_month_end(*, regions, months):
    """Distinct people who were members of at least one group at the end of each month: the
    memberships running now and those that ended, in one query."""
    now_running = (Membership.objects.filter(**_region_filter(regions, "group__region__in"))
                   .annotate(ended=Value(None, output_field=DateTimeField()))
                   .values_list("user_id", "joined_at", "ended").order_by())
    ended = (PastMembership.objects.filter(**_region_filter(regions, "group__region__in"))
             .values_list("user_id", "joined_at", "ended_at").order_by())
    spans = list(now_running.union(ended, all=True))
    result = []
    for month in months:
        end = min(month.ends, timezone.now())
        people = {user_id for user_id, joined, left in spans if joined < end and (left is None or left >= end)}
        result.append((month.key, len(people)))
    return result


def register() -> None:
    for name, figure in GROUP_FIGURES.items():
        registry.funder_figures.register(name, figure)


GROUP_FIGURES = {
    "groups_by_theme": FunderFigure(gettext_lazy("Groupes en activité par thème"), groups_by_theme),
    "groups_by_sector": FunderFigure(gettext_lazy("Groupes en activité par secteur"), groups_by_sector),
    "groups_by_region": FunderFigure(gettext_lazy("Groupes en activité par région"), groups_by_region),
    "groups_created": FunderFigure(gettext_lazy("Groupes créés, par mois"), groups_created, by_month=True),
    "groups_stopped": FunderFigure(gettext_lazy("Groupes arrêtés, par mois"), groups_stopped, by_month=True),
    "members": FunderFigure(gettext_lazy("Membres à la fin de chaque mois"), members_at_month_end, by_month=True),
}


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{month}.{year}"


def _regions(centre):
    return None if centre is None else list(centre.regions.order_by("position", "pk"))


def _figure(name: str, source: FunderFigure, *, centre, regions, months) -> Figure:
    counted = source.count(regions=regions, months=months)
    platform_wide = counted is None
    if platform_wide:
        counted = source.count(regions=None, months=months)
    rows = [Row(month_label(label) if source.by_month else label, count) for label, count in counted]
    return Figure(name=name, title=str(source.title), rows=rows, by_month=source.by_month,
                  platform_wide=platform_wide and centre is not None, note=str(source.note or ""))


def funder_figures(*, centre=None, now=None) -> list[Figure]:
    """Every registered figure, for the centre's regions or (no centre) the whole platform."""
    months, regions = last_months(now), _regions(centre)
    # The groups' own figures first, then what the other apps add, in their order.
    ordered = sorted(registry.funder_figures.items(), key=lambda item: item[0] not in GROUP_FIGURES)
    return [_figure(name, source, centre=centre, regions=regions, months=months) for name, source in ordered]


def funder_figure(name: str, *, centre=None, now=None) -> Figure | None:
    """One figure by its name (for its CSV), None for a name nobody registered."""
    source = registry.funder_figures.get(name, None)
    if source is None:
        return None
    return _figure(name, source, centre=centre, regions=_regions(centre), months=last_months(now))
