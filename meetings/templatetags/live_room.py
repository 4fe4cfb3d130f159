"""{% live_room occurrence %}: the live room beside the video room on the occurrence page, for
the reader as the request knows them (their standing is read once per request already)."""

from django import template

from entraide.standing import standing_for

from ..selectors import live as selectors

register = template.Library()


@register.inclusion_tag("meetings/live_room.html", takes_context=True)
def live_room(context, occurrence):
    standing = standing_for(context["request"], occurrence.series.group)
    return selectors.live_panel(standing, occurrence, display=False)
