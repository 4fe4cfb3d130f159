"""{% header_items %}: the links apps add to the header (entraide.selectors.header)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..selectors.header import header_contexts

register = template.Library()


@register.simple_tag(takes_context=True)
def header_items(context):
    request = context.get("request")
    if request is None:
        return ""
    return mark_safe("".join(render_to_string(name, item, request=request) for name, item in header_contexts(request)))
