"""{{ moment|datetime_attribute }}: the value of a <time datetime="..."> attribute."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attribute(value) -> str:
    """ISO 8601 to the second, in the current time zone: HTML allows at most three decimals of
    a second, and Django's `date:'c'` writes six whenever a moment has microseconds."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
