"""What apps contribute to entraide's pages, through the registry: the core renders it, and
never imports the app."""

from django import template
from django.utils.html import format_html_join

from .. import registry

register = template.Library()


def _joined(parts) -> str:
    return format_html_join("", "{}", ((part,) for part in parts if part))


@register.simple_tag
def group_page_extras(group):
    return _joined(extra(group) for extra in registry.group_page_extras.values())


@register.simple_tag
def directory_contacts(result):
    return _joined(contact(result) for contact in registry.directory_contacts.values())
