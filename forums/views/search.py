"""Search pages: one group's forum, and every forum of the member's groups. GET only, thin."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from entraide.views.access import access_group
from moderation.selectors import muted_author_ids

from .. import permissions, search, selectors
from ..models import WarningChoice


def _context(results, **extra) -> dict:
    return {"results": results, "query": results.query, "ask": WarningChoice.ASK, "hide": WarningChoice.HIDE, **extra}


@require_GET
def forum_search(request, slug):
    """Same access as the forum itself: 404 outside an unlisted group, 403 for a
    members-only forum of a listed group."""
    standing = access_group(request, slug, check=permissions.check_read_forum, queryset=selectors.forum_groups())
    query = search.SearchQueryText.from_params(request.GET)
    results = search.forum_search(standing, query, request.GET.get("page"))
    return render(request, "forums/search.html", _context(results, group=standing.group))


@login_required
@require_GET
def member_forums_search(request):
    # Across groups there is no one standing: whom the member silenced is read for them alone.
    query = search.SearchQueryText.from_params(request.GET)
    results = search.member_forums_search(request.user, query, request.GET.get("page"),
                                          muted_ids=muted_author_ids(request.user))
    return render(request, "forums/search.html", _context(results, group=None))
