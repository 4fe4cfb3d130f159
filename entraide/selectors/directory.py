"""The group directory: listed groups, free text, facets with counts, pages.

The number of SQL queries is fixed: one count, one page, the page's themes and
languages, one query per facet, whatever the number of results."""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from ..models import Audience, Group, GroupFormat, GroupKind, GroupLanguage, Region, Sector, Theme, Visibility
from ..models.groups import GroupLanguageCode
from ..text import fold

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8


@dataclass
class DirectoryQuery:
    q: str = ""
    theme: str = ""
    sector: str = ""
    language: str = ""
    region: str = ""
    format: str = ""
    kind: str = ""
    audience: str = ""
    page: str = "1"
    errors: list[str] = field(default_factory=list)

    FACETS = ("theme", "sector", "language", "region", "format", "kind", "audience")

    @classmethod
    def from_params(cls, params) -> "DirectoryQuery":
        """Read the query string; anything unknown is dropped and noted, never an error page."""
        query = cls(q=" ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH], page=params.get("page", "1"))
        valid = {
            "format": set(GroupFormat.values),
            "kind": set(GroupKind.values),
            "audience": set(Audience.values),
            "language": set(GroupLanguageCode.values),
        }
        for name in cls.FACETS:
            value = params.get(name, "").strip()[:80]
            if not value:
                continue
            if name in valid and value not in valid[name]:
                query.errors.append(name)
                continue
            setattr(query, name, value)
        return query

    def active_filters(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.FACETS if getattr(self, name)}


def _filtered(query: DirectoryQuery, *, skip: str | None = None) -> QuerySet:
    groups = Group.objects.filter(visibility=Visibility.LISTED)
    for term in fold(query.q).split()[:MAX_TERMS]:
        groups = groups.filter(search_text__contains=term)
    if query.theme and skip != "theme":
        groups = groups.filter(themes__code=query.theme)
    if query.sector and skip != "sector":
        groups = groups.filter(themes__sector__code=query.sector)
    if query.language and skip != "language":
        groups = groups.filter(language_rows__code=query.language)
    if query.region and skip != "region":
        groups = groups.filter(region__code=query.region)
    for name in ("format", "kind", "audience"):
        if getattr(query, name) and skip != name:
            groups = groups.filter(**{name: getattr(query, name)})
    return groups


def _ids(groups: QuerySet) -> QuerySet:
    return groups.values("pk")


@dataclass
class DirectoryResult:
    page: object
    total: int
    facets: dict
    query: DirectoryQuery


def directory_search(query: DirectoryQuery, *, page_size: int = 20) -> DirectoryResult:
    groups = _filtered(query).distinct()
    ordered = groups.order_by("name", "pk").select_related("region").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("pk", "code", "name_fr", "name_de", "name_it", "name_en", "is_rare", "sector_id")),
        Prefetch("language_rows", queryset=GroupLanguage.objects.order_by("code")),
    )
    paginator = Paginator(ordered, page_size)
    try:
        page = paginator.page(query.page)
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1 if not str(query.page).isdigit() or paginator.num_pages < 1 else paginator.num_pages)
    return DirectoryResult(page=page, total=paginator.count, facets=directory_facets(query), query=query)


def directory_facets(query: DirectoryQuery) -> dict:
    """For each facet, the values with their group counts, computed on the results of the
    other filters (so that choosing a value shows what choosing another would give)."""
    facets = {}
    theme_counts = dict(
        Theme.objects.filter(groups__in=_ids(_filtered(query, skip="theme")))
        .values_list("code")
        .annotate(n=Count("groups", distinct=True))
    )
    themes = Theme.objects.select_related("sector").order_by("sector__position", "name_fr")
    facets["theme"] = [(t.code, t.name, theme_counts.get(t.code, 0)) for t in themes if theme_counts.get(t.code)]
    sector_counts = dict(
        Sector.objects.filter(themes__groups__in=_ids(_filtered(query, skip="sector")))
        .values_list("code")
        .annotate(n=Count("themes__groups", distinct=True))
    )
    facets["sector"] = [(s.code, s.name, sector_counts.get(s.code, 0)) for s in Sector.objects.all()]
    language_counts = dict(
        GroupLanguage.objects.filter(group__in=_ids(_filtered(query, skip="language")))
        .values_list("code")
        .annotate(n=Count("group", distinct=True))
    )
    facets["language"] = [(c, label, language_counts.get(c, 0)) for c, label in GroupLanguageCode.choices]
    region_counts = dict(
        _filtered(query, skip="region").values_list("region__code").annotate(n=Count("pk", distinct=True))
    )
    facets["region"] = [
        (r.code, r.name, region_counts.get(r.code, 0)) for r in Region.objects.all() if region_counts.get(r.code)
    ]
    for name, choices in (("format", GroupFormat), ("kind", GroupKind), ("audience", Audience)):
        counts = dict(_filtered(query, skip=name).values_list(name).annotate(n=Count("pk", distinct=True)))
        facets[name] = [(value, label, counts.get(value, 0)) for value, label in choices.choices]
    return facets
