"""The live room's display view, for the screen in the room at a hybrid meeting: large type,
the item under way, who has the floor, the timer, the round and the raised hands, and no
controls. It listens on the same socket as the occurrence page and sends nothing."""

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from entraide.views.access import access_group

from .. import permissions
from ..selectors import live as selectors
from ..selectors.occurrences import occurrence_in


@require_GET
@cache_control(private=True, no_store=True)
def live_display(request, slug, pk):
    standing = access_group(request, slug, check=permissions.check_view_meetings)
    occurrence = occurrence_in(standing, pk)
    prefetch_related_objects([occurrence], "roles")
    context = {**selectors.live_panel(standing, occurrence, display=True), "series": occurrence.series}
    return render(request, "meetings/live_display.html", context)
