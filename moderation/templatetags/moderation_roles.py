from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def group_roles_summary(group):
    """The open roles and waiting proposals the group page shows its members."""
    return selectors.roles_summary(group)
