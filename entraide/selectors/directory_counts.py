"""The directory's counts, kept until a group's facts change.

Counting the facets is most of what a directory page costs (one GROUP BY over the matching
groups for the column facets, one for themes, sectors and languages). The counts of every
search, the unfiltered one most visitors open first and each filtered one, are kept in
Django's cache under a version token; whatever changes what they count draws a new token:
the group services when a group is created, stopped or its facts change (visibility, themes,
languages, columns, search text: entraide.services.groups), the taxonomy services when a
theme moves or is renamed (entraide.services.taxonomy), once at once and once after their
transaction commits, so that a page rendered while the change was being written is never kept
under the new token. Memberships change no count (member_count is not a facet). An entry also
expires after ten minutes: with the local-memory cache of a single-process install, a change
made in another process (the task worker) shows by then. Listings from elsewhere are not kept
here (directory_elsewhere): they are counted afresh on every page."""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "directory:counts-version"
TIMEOUT = 10 * 60


def _version() -> str:
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def kept_counts(search_key: str, count) -> dict:
    """The counts `count()` gives for the search `search_key`, from the cache while nothing
    they count changed."""
    digest = hashlib.sha256(search_key.encode()).hexdigest()[:32]
    # The release too: a deployment may move themes between sectors (a data migration).
    key = f"directory:counts:{settings.RELEASE}:{_version()}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = count()
        cache.set(key, counts, TIMEOUT)
    return counts


def kept_unfiltered_counts(count) -> dict:
    return kept_counts("", count)


def forget_unfiltered_counts() -> None:
    """Every kept count, the unfiltered directory's and each search's, is counted again."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
