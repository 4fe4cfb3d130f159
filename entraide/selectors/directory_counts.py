"""The unfiltered directory's counts, kept until a group's facts change.

Counting the facets of every listed group is most of what the unfiltered directory costs
(four aggregate passes over all groups), and it is the page most visitors open first. Its
counts are kept in Django's cache under a version token; the group services draw a new token
whenever a group is created or its facts change (entraide.services.groups), once at once and
once after their transaction commits, so that a page rendered while the change was being
written is never kept under the new token. An entry also expires after ten minutes: with the
local-memory cache of a single-process install, a change made in another process (the task
worker) shows by then."""

import uuid

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "directory:counts-version"
TIMEOUT = 10 * 60


def _version() -> str:
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def kept_unfiltered_counts(count) -> dict:
    """The counts `count()` gives, from the cache while no group's facts changed."""
    # The release too: a deployment may move themes between sectors (a data migration).
    key = f"directory:unfiltered-counts:{settings.RELEASE}:{_version()}"
    counts = cache.get(key)
    if counts is None:
        counts = count()
        cache.set(key, counts, TIMEOUT)
    return counts


def forget_unfiltered_counts() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
