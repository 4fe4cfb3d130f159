"""User text: the one place where what members write becomes HTML, and where
text is folded for accent- and case-insensitive search."""

import unicodedata
from typing import NamedTuple

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("js-default", {"linkify": False, "typographer": False}).enable("strikethrough")

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    """Markdown with raw HTML off, then an allow-list sanitizer. Called once, on write."""
    html = _markdown.render(text or "")
    # Headings start at h2: the page owns h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        filter_style_properties={"text-align"},
    )


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Épilepsie' -> 'epilepsie', 'Straße' -> 'strasse'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


class TextSection(NamedTuple):
    """A titled section of a text the platform itself writes (a guide, a volunteer's reading):
    its title and paragraphs are lazy translations, read in the active language."""

    code: str
    title: str
    paragraphs: tuple
