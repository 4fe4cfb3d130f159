from django import template

from entraide.standing import standing_for
from forums import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def can_read_forum(context, group) -> bool:
    """{% can_read_forum group as readable %}: the group page's link to its forum, from the
    visitor's standing in the group as this request read it."""
    return permissions.can_read_forum(standing_for(context["request"], group))
