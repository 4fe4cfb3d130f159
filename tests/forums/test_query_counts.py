"""The thread page and the thread list cost the same number of queries whatever the forum's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.models import ReactionKind
from forums.services.posts import post_create, thread_create
from forums.services.reactions import reaction_add
from forums.services.settings import cw_preference_set
from moderation.services.safety import member_mute
from tests.queries import SESSION_QUERIES
from tests.factories import join

from .builders import forum

pytestmark = pytest.mark.django_db


def _busy_forum(posts: int, *, thread_count: int):
    """A forum with `posts` posts by several members, some anonymous, some with warnings,
    quotes, mentions and reactions, and a reader who mutes one author and hides one warning."""
    group, moderator, member = forum()
    authors = [moderator, member, *(join(group) for _ in range(3))]
    reader = join(group)
    member_mute(actor=reader, member=authors[2])
    cw_preference_set(actor=reader, warning="medical", choice="hide")
    threads = [thread_create(actor=member, group=group, title=f"Sujet {index}", body="Bonjour")
               for index in range(thread_count)]
    written = len(threads)
    previous = None
    while written < posts:
        thread = threads[written % len(threads)]
        author = authors[written % len(authors)]
        previous = post_create(
            actor=author, thread=thread, body=f"Réponse {written} @{moderator.pseudonym}",
            is_anonymous=written % 7 == 0, content_warnings=["medical"] if written % 5 == 0 else [],
            quote_of=previous if previous is not None and previous.thread_id == thread.pk else None,
        )
        for other in authors[:2]:
            if other.pk != author.pk:
                reaction_add(actor=other, post=previous, kind=ReactionKind.ME_TOO)
        written += 1
    return group, threads[0], reader


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _visits(client, url) -> tuple[int, int]:
    """Queries of the second and third visits: the first moved the read mark."""
    client.get(url)
    return _queries(client, url), _queries(client, url)


@pytest.mark.parametrize("page", ["thread", "list"])
def test_the_page_takes_the_same_number_of_queries_with_10_and_200_posts(client, unlimited_posting, page):
    counts = []
    for posts in (10, 200):
        # The thread page: one thread of that many posts; the list: a thread per five posts.
        group, thread, reader = _busy_forum(posts, thread_count=1 if page == "thread" else posts // 5)
        client.force_login(reader)
        if page == "thread":
            url = reverse("forum_thread", args=[group.slug, thread.pk])
        else:
            url = reverse("forum_threads", args=[group.slug])
        counts.append(_visits(client, url))
    print(page, counts)
    assert counts[0] == counts[1]


@pytest.mark.parametrize("posts", [10, 200])
def test_a_thread_page_is_rendered_in_ten_queries_whatever_its_size(client, unlimited_posting,
                                                                     django_assert_num_queries, posts):
    """Session (from the cache with Redis) and member; what the ETag is made of, asked once for
    the ETag and the page: the group with its forum settings, the reader's standing in it
    (membership, roles held now, group mute, removal), the thread with their read mark, their
    warning choices, the members they muted or blocked, the header (their unread count); then
    the page's posts and their reactions."""
    group, thread, reader = _busy_forum(posts, thread_count=1)
    client.force_login(reader)
    url = reverse("forum_thread", args=[group.slug, thread.pk])
    client.get(url)
    with django_assert_num_queries(SESSION_QUERIES + 9):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("posts", [10, 200])
def test_a_reload_answered_304_takes_eight_queries_whatever_its_size(client, unlimited_posting,
                                                                     django_assert_num_queries, posts):
    """What the ETag is made of, and nothing of the page."""
    group, thread, reader = _busy_forum(posts, thread_count=1)
    client.force_login(reader)
    url = reverse("forum_thread", args=[group.slug, thread.pk])
    client.get(url)
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(SESSION_QUERIES + 7):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
