from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..selectors.directory import DirectoryQuery, directory_search


@require_safe
def directory(request):
    """Always a page: whatever the query string holds, what cannot be used is ignored and said."""
    query = DirectoryQuery.from_params(request.GET)
    result = directory_search(query, page_size=settings.DIRECTORY_PAGE_SIZE)
    active = [
        {
            "legend": facet.legend,
            "label": next(option.label for option in facet.options if option.selected),
            "remove_query": urlencode(query.params(without=facet.name)),
        }
        for facet in result.facets
        if facet.selected
    ]
    return render(
        request,
        "entraide/directory.html",
        {
            "result": result,
            "query": query,
            "active_filters": active,
            "search_query": urlencode(query.params()),
            "without_filters_query": urlencode({"q": query.q} if query.q else {}),
        },
    )
