"""The header's link to notifications, with the unread count."""

from django import template

from notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/nav.html", takes_context=True)
def notifications_nav(context):
    """One small query per page (a column, not a count), for signed-in members only."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return {
        "unread_count": unread_count(context.get("user")),
        "current": match.url_name if match else "",
    }
