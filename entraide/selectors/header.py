"""What every page's header shows beyond the core's own links, gathered from the apps.

Each app registers a HeaderItem on `registry.header_items`: a template and a function that
gives its context for a request (None: nothing to show). Both the header (`{% header_items %}`)
and the ETags of pages answered with 304 read the same contexts, computed once per request:
what an item shows is therefore always part of the ETag, whoever adds the item."""

from collections.abc import Callable
from typing import NamedTuple

from .. import registry


class HeaderItem(NamedTuple):
    template: str
    context: Callable


def header_contexts(request) -> list[tuple[str, dict]]:
    """(template, context) of every item that shows something, in registration order."""
    memo = request.__dict__.get("_header_contexts")
    if memo is None:
        memo = []
        for item in registry.header_items.values():
            context = item.context(request)
            if context is not None:
                memo.append((item.template, context))
        request._header_contexts = memo
    return memo


def header_facts(request) -> str:
    """What the header shows, as plain text: part of a page's ETag."""
    return repr([(template, sorted(context.items())) for template, context in header_contexts(request)])
