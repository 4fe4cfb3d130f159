"""Groups and forums that are not on the platform, as the directory shows and counts them.

Each source registered on `registry.directory_listings` answers in one query with all its
listings; they are few (a centre lists its region's groups), so the words and the filters are
applied here, and each facet counts the listings that match every filter but its own, as the
groups' facets do. A listing has no kind or audience of group: it matches only while neither
filter is chosen. These are not kept with the unfiltered counts (directory_counts): a source's
listings change without the group services knowing."""

from collections import Counter
from dataclasses import dataclass, field

from .. import registry
from ..text import fold

MAX_SHOWN = 20


@dataclass
class OtherListing:
    """Public facts only: the link leaves the platform, the contact is public."""

    name: str
    kind_label: str
    theme_id: int
    language: str
    region_id: int
    format: str
    link: str
    contact: str
    contact_url: str = ""
    words: str = ""


@dataclass
class Elsewhere:
    found: list[OtherListing] = field(default_factory=list)
    counts: dict[str, Counter] = field(default_factory=dict)
    total: int = 0


def _values(listing: OtherListing, taxonomy) -> dict:
    theme = taxonomy.theme_by_id.get(listing.theme_id)
    return {"theme": theme.code if theme else "", "sector": theme.sector.code if theme else "",
            "language": listing.language, "format": listing.format,
            "region": region.code if (region := taxonomy.region_by_id.get(listing.region_id)) else ""}


def _matches(values: dict, query, *, skip: str = "") -> bool:
    if query.kind or query.audience:
        return False
    return all(not getattr(query, name) or getattr(query, name) == value
               for name, value in values.items() if name != skip)


def listings_elsewhere(query, taxonomy) -> Elsewhere:
    terms = fold(query.q).split()
    keys = {"theme": "theme_id", "language": "language", "region": "region_id", "format": "format"}
    result = Elsewhere(counts={name: Counter() for name in ("theme", "sector", "language", "region", "format")})
    for source in registry.directory_listings.values():
        for listing in source():
            theme = taxonomy.theme_by_id.get(listing.theme_id)
            text = fold(" ".join([listing.name, listing.words, *(theme.all_names() if theme else [])]))
            if not all(term in text for term in terms):
                continue
            values = _values(listing, taxonomy)
            for name, counter in result.counts.items():
                if _matches(values, query, skip=name):
                    key = theme.sector_id if name == "sector" and theme else getattr(listing, keys.get(name, "theme_id"))
                    counter[key] += 1
            if _matches(values, query):
                result.total += 1
                if len(result.found) < MAX_SHOWN:
                    result.found.append(listing)
    return result
