from django import template

from .. import permissions

register = template.Library()


@register.simple_tag
def moderation_links(group, user):
    """Which moderation pages this member may open; read from the roles already cached for the
    request, so the group page asks the database nothing more."""
    return {
        "queue": permissions.can_review_reports(user, group),
        "holder": permissions.holds_any_role(user, group),
    }
