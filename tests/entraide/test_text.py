import html5lib
import pytest

from entraide.text import ALLOWED_TAGS, URL_SCHEMES, fold, render_markdown
from tests.xss_payloads import xss_payloads


def executable_parts(html: str) -> list[str]:
    """What in this HTML could run script in a browser: tags outside the allow-list,
    event-handler attributes, and links with a scheme other than http(s)/mailto."""
    found = []
    tree = html5lib.parseFragment(html, namespaceHTMLElements=False)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in ALLOWED_TAGS and element.tag != "DOCUMENT_FRAGMENT":
            found.append(f"tag {element.tag}")
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name.lower() in {"style", "src", "srcdoc", "formaction"}:
                found.append(f"attribute {name}")
            if name == "href" and ":" in value.split("/")[0]:
                if value.split(":", 1)[0].strip().lower() not in URL_SCHEMES:
                    found.append(f"href {value}")
    return found


def test_no_xss_payload_survives_as_executable_markup():
    payloads = xss_payloads()
    assert len(payloads) > 6000
    survivors = {}
    for payload in payloads:
        parts = executable_parts(render_markdown(payload))
        if parts:
            survivors[payload] = parts
    assert survivors == {}


def test_markdown_is_rendered_with_safe_links():
    html = render_markdown("**gras** [lien](https://example.org) [mal](javascript:alert(1))")
    assert "<strong>gras</strong>" in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "href=\"javascript" not in html


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>x</b>") == "<p>&lt;b&gt;x&lt;/b&gt;</p>\n"


def test_headings_start_below_the_page_title():
    assert render_markdown("# Titre").startswith("<h2>")


@pytest.mark.parametrize(
    "text, folded",
    [("Épilepsie", "epilepsie"), ("DEUIL", "deuil"), ("Zürich  Straße", "zurich strasse"), ("", "")],
)
def test_fold_ignores_case_and_accents(text, folded):
    assert fold(text) == folded
