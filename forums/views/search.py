"""Search pages: one group's forum, and every forum of the member's groups. GET only, thin."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from entraide import permissions as group_permissions
from moderation.selectors import muted_author_ids

from .. import permissions, search, selectors
from ..models import WarningChoice


def _context(results, **extra) -> dict:
    return {"results": results, "query": results.query, "ask": WarningChoice.ASK, "hide": WarningChoice.HIDE, **extra}


@require_GET
def forum_search(request, slug):
    """Same access as the forum itself: 404 outside an unlisted group, 403 for a
    members-only forum of a listed group."""
    group = selectors.forum_group(slug)
    if not group_permissions.can_view_group(request.user, group):
        raise Http404
    if not permissions.can_read_forum(request.user, group):
        raise PermissionDenied
    query = search.SearchQueryText.from_params(request.GET)
    results = search.forum_search(group, request.user, query, request.GET.get("page"),
                                  muted_ids=muted_author_ids(request.user))
    return render(request, "forums/search.html", _context(results, group=group))


@login_required
@require_GET
def member_forums_search(request):
    query = search.SearchQueryText.from_params(request.GET)
    results = search.member_forums_search(request.user, query, request.GET.get("page"),
                                          muted_ids=muted_author_ids(request.user))
    return render(request, "forums/search.html", _context(results, group=None))
