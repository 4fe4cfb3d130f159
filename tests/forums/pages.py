"""Forum pages as the view tests ask for them and read them."""

from django.urls import reverse
from django.utils.html import escape

from tests.conftest import assert_valid_html


def as_(client, user):
    client.force_login(user)
    return client


def threads_url(group):
    return reverse("forum_threads", args=[group.slug])


def thread_url(thread):
    return reverse("forum_thread", args=[thread.group.slug, thread.pk])


def post_url(post, name="forum_post"):
    return reverse(name, args=[post.group.slug, post.thread_id, post.number])


def said(message) -> str:
    """A refusal's message as a page shows it."""
    return str(escape(str(message)))


def page(response) -> str:
    assert_valid_html(response)
    return response.content.decode()
