"""Every payload of shared/data/xss-payloads.txt, written as a thread title, a post and an edit,
ends up with nothing that could run in a browser."""

import html5lib
import pytest
from django.urls import reverse

from forums.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Post
from forums.services.posts import post_edit, thread_create
from tests.entraide.test_text import executable_parts
from tests.xss_payloads import xss_payloads

from .builders import forum

pytestmark = pytest.mark.django_db

# Tags that run or load something; the pages have none but the site's own script.
ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "svg", "math", "img", "style", "base", "link",
               "form", "input", "video", "audio", "source"}


def payloads() -> list[str]:
    return [line for line in xss_payloads() if line.strip() and len(line) <= BODY_MAX_LENGTH]


def page_dangers(html: str, *, expected: dict) -> list[str]:
    """What in a whole page could run: event handlers, script URLs, active tags beyond the
    ones the page itself brings (`expected`: tag -> how many)."""
    found, counts = [], {}
    for element in html5lib.parse(html, namespaceHTMLElements=False).iter():
        if not isinstance(element.tag, str):
            continue
        counts[element.tag] = counts.get(element.tag, 0) + 1
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name.lower() in {"style", "srcdoc", "formaction"}:
                found.append(f"attribute {name}")
            if name in {"href", "src", "action"} and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{name} {value}")
    found.extend(f"tag {tag}" for tag in ACTIVE_TAGS if counts.get(tag, 0) > expected.get(tag, 0))
    return found


def page_tags(html):
    counts = {}
    for element in html5lib.parse(html, namespaceHTMLElements=False).iter():
        if isinstance(element.tag, str) and element.tag in ACTIVE_TAGS:
            counts[element.tag] = counts.get(element.tag, 0) + 1
    return counts


CHUNKS = 8


def test_the_payload_list_is_there_in_full():
    assert len(payloads()) > 6000


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_no_payload_survives_as_a_title_a_post_or_an_edit(client, unlimited_posting, monkeypatch, chunk):
    """In slices, so that parallel test runs share the work."""
    group, _moderator, member = forum()
    client.force_login(member)
    empty_forum_tags = page_tags(client.get(reverse("forum_threads", args=[group.slug])).content.decode())
    mine = payloads()[chunk::CHUNKS]
    for payload in mine:
        thread_create(actor=member, group=group, title=payload[:TITLE_MAX_LENGTH], body=payload)
    for post in Post.objects.filter(group=group).select_related("thread"):
        post_edit(actor=member, post=post, body=f"{post.body}\n\n{post.body[::-1]}")

    survivors = {}
    for post in Post.objects.filter(group=group).prefetch_related("revisions"):
        for html in (post.body_html, *(revision.body_html for revision in post.revisions.all())):
            if parts := executable_parts(html):
                survivors[post.pk] = parts
    assert survivors == {}
    assert Post.objects.filter(group=group, revisions__isnull=False).count() == len(mine)

    # Every title of the slice on one page of the thread list: each stays the text of its link.
    monkeypatch.setattr("forums.selectors.THREADS_PER_PAGE", len(mine) + 1)
    html = client.get(reverse("forum_threads", args=[group.slug])).content.decode()
    assert page_dangers(html, expected=empty_forum_tags) == []
    document = html5lib.parse(html, namespaceHTMLElements=False)
    shown = [heading.find("a") for heading in document.iter("h2")]
    assert all(link is not None and len(link) == 0 for link in shown), "a title became markup"
    assert sorted(link.text or "" for link in shown) == sorted(group.forum_threads.values_list("title", flat=True))

    thread = group.forum_threads.order_by("pk").first()
    html = client.get(reverse("forum_thread", args=[group.slug, thread.pk])).content.decode()
    # The thread page brings its own forms (reply, reactions); the post's HTML was checked above.
    assert page_dangers(html, expected={**empty_forum_tags, "form": len(html), "input": len(html)}) == []
    document = html5lib.parse(html, namespaceHTMLElements=False)
    assert [element.text for element in document.iter("h1")] == [thread.title]
