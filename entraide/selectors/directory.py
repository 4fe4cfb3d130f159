"""The group directory: listed groups, free text, facets with counts, pages.

The number of SQL queries is fixed whatever the number of results or of groups: the
taxonomy (themes, regions), one query for the column facets and the total, one for the
themes, sectors and languages together, the page, and the page's themes and languages.
The words are matched by the database's full-text index (directory_text), as a subquery of
each. Many-to-many filters are EXISTS subqueries, so nothing needs DISTINCT. The counts of
a search are kept until a group's facts change (directory_counts): a search asked again
reads the page only.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Audience, Group, GroupFormat, GroupKind, GroupLanguage, Region, Sector, Theme, Visibility
from ..models.groups import GroupLanguageCode
from ..text import fold
from .directory_counts import kept_counts
from .directory_elsewhere import Elsewhere, listings_elsewhere
from .directory_text import MAX_TERMS, matching_text, search_words

MAX_QUERY_LENGTH = 200
MAX_VALUE_LENGTH = 80

GroupTheme = Group.themes.through

FACET_LEGENDS = {
    "theme": gettext_lazy("Thème"),
    "sector": gettext_lazy("Secteur"),
    "language": gettext_lazy("Langue"),
    "region": gettext_lazy("Région"),
    "format": gettext_lazy("Format"),
    "kind": gettext_lazy("Type de groupe"),
    "audience": gettext_lazy("Pour qui"),
}
FIXED_CHOICES = {
    "format": GroupFormat,
    "kind": GroupKind,
    "audience": Audience,
    "language": GroupLanguageCode,
}
# The facets that are columns of Group, counted together in one GROUP BY.
COLUMN_FACETS = ("region", "format", "kind", "audience")


def _clean(value: str) -> str:
    """Drop control characters (a NUL byte is refused by PostgreSQL) and squeeze spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


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
    # What was ignored in the query string, written for the member.
    errors: list[str] = field(default_factory=list)

    FACETS = ("theme", "sector", "language", "region", "format", "kind", "audience")

    @classmethod
    def from_params(cls, params) -> "DirectoryQuery":
        """Read the query string; anything unknown is dropped and noted, never an error page.
        Theme, sector and region codes are checked against the taxonomy by directory_search."""
        query = cls()
        repeated = [
            name for name in ("q", "page", *cls.FACETS)
            if hasattr(params, "getlist") and len(set(params.getlist(name))) > 1
        ]
        if repeated:
            query.errors.append(_("Un seul choix par filtre est possible : le premier a été retenu."))
        raw_q = _clean(_first(params, "q"))
        if "\ufffd" in raw_q:
            # What a browser never sends: bytes that are not UTF-8 (shown as U+FFFD once decoded).
            raw_q = " ".join(raw_q.replace("\ufffd", " ").split())
            query.errors.append(_("Des caractères illisibles ont été retirés de votre recherche."))
        terms = raw_q.split()
        query.q = " ".join(terms[:MAX_TERMS])[:MAX_QUERY_LENGTH].strip()
        if query.q != raw_q:
            query.errors.append(
                _("Votre recherche était trop longue : seuls ses %(count)s premiers mots ou %(length)s premiers caractères ont été utilisés.")
                % {"count": MAX_TERMS, "length": MAX_QUERY_LENGTH}
            )
        query.page = _clean(_first(params, "page"))[:MAX_VALUE_LENGTH] or "1"
        for name in cls.FACETS:
            value = _clean(_first(params, name))
            if not value:
                continue
            choices = FIXED_CHOICES.get(name)
            if len(value) > MAX_VALUE_LENGTH or (choices is not None and value not in choices.values):
                query.ignore(name)
                continue
            setattr(query, name, value)
        return query

    def ignore(self, name: str) -> None:
        setattr(self, name, "")
        self.errors.append(
            _("Le filtre « %(filter)s » demandé n'existe pas : il a été ignoré.") % {"filter": FACET_LEGENDS[name]}
        )

    def active_filters(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.FACETS if getattr(self, name)}

    def params(self, *, without: str = "") -> dict[str, str]:
        """The query string that reproduces this search (for pages and filter links)."""
        values = {"q": self.q, **self.active_filters()}
        return {name: value for name, value in values.items() if value and name != without}


def _first(params, name: str) -> str:
    values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name, "")]
    return (values[0] if values else "") or ""


@dataclass
class Taxonomy:
    themes: list[Theme]
    sectors: list[Sector]
    regions: list[Region]

    def __post_init__(self):
        self.theme_by_code = {theme.code: theme for theme in self.themes}
        self.theme_by_id = {theme.pk: theme for theme in self.themes}
        self.sector_by_code = {sector.code: sector for sector in self.sectors}
        self.region_by_code = {region.code: region for region in self.regions}
        self.region_by_id = {region.pk: region for region in self.regions}

    def theme_matching(self, q: str) -> Theme | None:
        """The theme a free-text search names, if any ('epilepsie' names Épilepsie)."""
        terms = fold(q).split()
        if not terms:
            return None
        for theme in self.themes:
            names = fold(" ".join(theme.all_names()))
            if all(term in names for term in terms):
                return theme
        return None


def load_taxonomy() -> Taxonomy:
    """Themes (with their sector) and regions: two small queries."""
    themes = list(Theme.objects.select_related("sector").order_by("sector__position", "name_fr"))
    sectors = list({theme.sector_id: theme.sector for theme in themes}.values())
    return Taxonomy(themes=themes, sectors=sectors, regions=list(Region.objects.all()))


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    rare: bool = False


@dataclass
class Facet:
    name: str
    legend: str
    options: list[FacetOption]
    selected: str


@dataclass
class DirectoryCard:
    group: Group
    themes: list[Theme]
    languages: list[str]


@dataclass
class DirectoryResult:
    page: Page
    cards: list[DirectoryCard]
    total: int
    facets: list[Facet]
    query: DirectoryQuery
    taxonomy: Taxonomy
    theme: Theme | None = None
    region: Region | None = None
    # Groups and forums not on the platform, shown apart with their label.
    elsewhere: Elsewhere = field(default_factory=Elsewhere)


def _conditions(query: DirectoryQuery, taxonomy: Taxonomy) -> dict[str, Q]:
    conditions = {}
    if query.theme:
        theme_id = taxonomy.theme_by_code[query.theme].pk
        conditions["theme"] = Q(Exists(GroupTheme.objects.filter(group_id=OuterRef("pk"), theme_id=theme_id)))
    if query.sector:
        sector_id = taxonomy.sector_by_code[query.sector].pk
        theme_ids = [theme.pk for theme in taxonomy.themes if theme.sector_id == sector_id]
        conditions["sector"] = Q(Exists(GroupTheme.objects.filter(group_id=OuterRef("pk"), theme_id__in=theme_ids)))
    if query.language:
        conditions["language"] = Q(
            Exists(GroupLanguage.objects.filter(group_id=OuterRef("pk"), code=query.language))
        )
    if query.region:
        conditions["region"] = Q(region_id=taxonomy.region_by_code[query.region].pk)
    for name in ("format", "kind", "audience"):
        if getattr(query, name):
            conditions[name] = Q(**{name: getattr(query, name)})
    return conditions


def _base(words: list[str]) -> QuerySet:
    """Listed groups matching the words."""
    return Group.objects.filter(matching_text(words), visibility=Visibility.LISTED)


def _matching(base: QuerySet, conditions: dict[str, Q], *, skip: tuple[str, ...] = ()) -> QuerySet:
    return base.filter(*[condition for name, condition in conditions.items() if name not in skip])


def _check_taxonomy_codes(query: DirectoryQuery, taxonomy: Taxonomy) -> None:
    known = {"theme": taxonomy.theme_by_code, "sector": taxonomy.sector_by_code, "region": taxonomy.region_by_code}
    for name, codes in known.items():
        if getattr(query, name) and getattr(query, name) not in codes:
            query.ignore(name)


def _page_number(query: DirectoryQuery, num_pages: int) -> int:
    try:
        number = int(query.page)
    except ValueError:
        query.errors.append(_("Le numéro de page n'est pas valable : voici la première page."))
        return 1
    if number < 1:
        query.errors.append(_("Le numéro de page n'est pas valable : voici la première page."))
        return 1
    if number > num_pages:
        if number > 1:
            query.errors.append(_("Cette page n'existe pas : voici la dernière page des résultats."))
        return num_pages
    return number


def directory_search(query: DirectoryQuery, *, page_size: int = 20, taxonomy: Taxonomy | None = None) -> DirectoryResult:
    taxonomy = taxonomy or load_taxonomy()
    _check_taxonomy_codes(query, taxonomy)
    conditions = _conditions(query, taxonomy)
    words = search_words(query.q)
    base = _base(words)
    search_key = json.dumps([words, sorted(query.active_filters().items())])
    counts = kept_counts(search_key, lambda: _counts(base, conditions))
    cells = counts["cells"]
    total = _count_cells(cells, query, taxonomy)
    paginator = Paginator(_matching(base, conditions).only(*CARD_FIELDS).order_by("name", "pk"), page_size)
    paginator.count = total  # known from the cells; spares a COUNT query
    page = paginator.page(_page_number(query, paginator.num_pages))
    elsewhere = listings_elsewhere(query, taxonomy)
    return DirectoryResult(
        page=page,
        cards=_cards(page, taxonomy),
        total=total,
        facets=_facets(query, taxonomy, counts, elsewhere.counts),
        query=query,
        taxonomy=taxonomy,
        theme=taxonomy.theme_by_code.get(query.theme) or taxonomy.theme_matching(query.q),
        region=taxonomy.region_by_code.get(query.region),
        elsewhere=elsewhere,
    )


def _cell_wanted(cell, query: DirectoryQuery, taxonomy: Taxonomy, *, skip: str = "") -> bool:
    region_id, *columns = cell[: len(COLUMN_FACETS)]
    if query.region and skip != "region" and taxonomy.region_by_code[query.region].pk != region_id:
        return False
    for name, value in zip(COLUMN_FACETS[1:], columns):
        if getattr(query, name) and skip != name and getattr(query, name) != value:
            return False
    return True


def _count_cells(cells, query: DirectoryQuery, taxonomy: Taxonomy) -> int:
    return sum(cell[-1] for cell in cells if _cell_wanted(cell, query, taxonomy))


# What a card shows (templates/entraide/directory_card.html): the long texts stay in the database.
CARD_FIELDS = ("name", "slug", "kind", "audience", "format", "region_id", "rhythm", "rhythm_note", "member_count")


def _cards(page: Page, taxonomy: Taxonomy) -> list[DirectoryCard]:
    groups = list(page.object_list)
    ids = [group.pk for group in groups]
    themes, languages = defaultdict(list), defaultdict(list)
    if ids:
        for group_id, theme_id in GroupTheme.objects.filter(group_id__in=ids).values_list("group_id", "theme_id"):
            themes[group_id].append(taxonomy.theme_by_id[theme_id])
        for group_id, code in GroupLanguage.objects.filter(group_id__in=ids).values_list("group_id", "code"):
            languages[group_id].append(code)
    order = {theme.pk: position for position, theme in enumerate(taxonomy.themes)}
    labels = dict(GroupLanguageCode.choices)
    cards = []
    for group in groups:
        group.region = taxonomy.region_by_id[group.region_id]
        cards.append(
            DirectoryCard(
                group=group,
                themes=sorted(themes[group.pk], key=lambda theme: order[theme.pk]),
                languages=[labels[code] for code in GroupLanguageCode.values if code in languages[group.pk]],
            )
        )
    return cards


def _counts(base: QuerySet, conditions: dict[str, Q]) -> dict:
    """The column facets and the total as cells of one GROUP BY, and the many-to-many
    facets (theme, sector, language) as one UNION ALL of three GROUP BYs; each facet
    ignores its own filter and applies the others."""
    def among(skip):
        return {"group__in": _matching(base, conditions, skip=(skip,)).values("pk")}

    def rows(queryset, facet, key, code, count):
        return (queryset.annotate(facet_name=Value(facet, output_field=CharField()), facet_key=key,
                                  facet_code=code)
                .values_list("facet_name", "facet_key", "facet_code").annotate(n=count).order_by())

    no_code, no_key = Value("", output_field=CharField()), Value(0, output_field=IntegerField())
    many = rows(GroupTheme.objects.filter(**among("theme")), "theme", F("theme_id"), no_code, Count("group_id"))
    many = many.union(
        rows(GroupTheme.objects.filter(**among("sector")), "sector", F("theme__sector_id"), no_code,
             Count("group_id", distinct=True)),
        rows(GroupLanguage.objects.filter(**among("language")), "language", no_key, F("code"), Count("group_id")),
        all=True,
    )
    counts = {"theme": {}, "sector": {}, "language": {}}
    for facet, key, code, n in many:
        counts[facet][code if facet == "language" else key] = n
    counts["cells"] = list(
        _matching(base, conditions, skip=COLUMN_FACETS)
        .values_list(*(f"{name}_id" if name == "region" else name for name in COLUMN_FACETS))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return counts


def _facets(query, taxonomy, counts: dict, elsewhere: dict) -> list[Facet]:
    """The groups' counts, and the listings from elsewhere counted with them."""
    theme_counts, sector_counts, language_counts = (
        _plus(counts[name], elsewhere.get(name)) for name in ("theme", "sector", "language")
    )
    cells = counts["cells"]
    column_counts = {}
    for position, name in enumerate(COLUMN_FACETS):
        counts = defaultdict(int)
        for cell in cells:
            if _cell_wanted(cell, query, taxonomy, skip=name):
                counts[cell[position]] += cell[-1]
        column_counts[name] = _plus(counts, elsewhere.get(name))

    def options(name, entries, *, keep_empty):
        chosen = getattr(query, name)
        found = [
            FacetOption(value=value, label=str(label), count=count, selected=value == chosen, rare=rare)
            for value, label, count, rare in entries
        ]
        return Facet(
            name=name,
            legend=str(FACET_LEGENDS[name]),
            options=[option for option in found if keep_empty or option.count or option.selected],
            selected=chosen,
        )

    def fixed(name):
        counts = language_counts if name == "language" else column_counts[name]
        return options(name, [(v, label, counts.get(v, 0), False) for v, label in FIXED_CHOICES[name].choices],
                       keep_empty=True)

    return [
        options("theme", [(t.code, t.name, theme_counts.get(t.pk, 0), t.is_rare) for t in taxonomy.themes],
                keep_empty=False),
        options("sector", [(s.code, s.name, sector_counts.get(s.pk, 0), False) for s in taxonomy.sectors],
                keep_empty=True),
        fixed("kind"),
        fixed("format"),
        fixed("language"),
        options("region", [(r.code, r.name, column_counts["region"].get(r.pk, 0), False) for r in taxonomy.regions],
                keep_empty=False),
        fixed("audience"),
    ]


def _plus(counts: dict, more: dict | None) -> dict:
    if not more:
        return counts
    merged = dict(counts)
    for key, count in more.items():
        merged[key] = merged.get(key, 0) + count
    return merged
