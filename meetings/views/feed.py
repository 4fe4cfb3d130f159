"""The Meeting Guide JSON feed of listed groups' weekly meetings (meetings.guide_feed)."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from ..guide_feed import feed


@require_GET
def meeting_guide_feed(request):
    response = JsonResponse(feed(), safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=900"
    return response
