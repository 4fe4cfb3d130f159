"""The header's links to notifications (with the unread count) and private messages."""

from django import template

from forums.notification_selectors import unread_count

register = template.Library()


@register.inclusion_tag("forums/notifications_nav.html", takes_context=True)
def notifications_nav(context):
    """One query per page, for signed-in members only."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return {
        "unread_count": unread_count(context.get("user")),
        "current": match.url_name if match else "",
    }
