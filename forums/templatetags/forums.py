from django import template

from forums import permissions

register = template.Library()


@register.filter
def forum_readable_by(group, user) -> bool:
    """{% if group|forum_readable_by:user %}: the group page's link to its forum."""
    return permissions.can_read_forum(user, group)
