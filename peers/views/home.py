"""The programme's front page: what peer support is, crisis help first, and for a signed-in
member their own requests and pairings."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..permissions.coordination import can_coordinate
from ..selectors import requests as selectors
from ..selectors.starters import new_groups_held
from .signposts import crisis_lines


@require_GET
def peer_home(request):
    member = request.user
    context = {"crisis_lines": crisis_lines(request)}
    if member.is_authenticated:
        context.update(pairing_requests=[r for r in selectors.requests_of(member) if r.status != "withdrawn"],
                       pairings=selectors.pairings_of(member), is_supporter=selectors.is_supporter(member),
                       coordinates=can_coordinate(member))
        context.update(starter_groups=new_groups_held(member))
    return render(request, "peers/home.html", context)
