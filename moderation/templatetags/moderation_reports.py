from django import template

from .. import permissions

register = template.Library()


@register.simple_tag
def moderation_links(standing):
    """Which moderation pages this member may open, from the standing the group page read:
    the page asks the database nothing more."""
    return {
        "queue": permissions.can_moderate(standing),
        "holder": permissions.can_hold_a_role(standing),
    }
