"""My meetings: a member's coming meetings across their groups, in the member's own time zone
(their profile's, which the page is rendered in); a meeting whose group meets in another zone
also says its hour there."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ..selectors.occurrences import coming_for_member


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def my_meetings(request):
    return render(request, "meetings/mine.html", {"occurrences": coming_for_member(request.user)})
