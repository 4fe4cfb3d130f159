"""A reload of a thread page is answered 304 only while nothing the page shows has changed.

The page carries an ETag made of everything it shows that can change (forums.views.threads.thread_etag).
Each change below is made through the services between two visits: the reload that sends
back the ETag of the first visit then gets the page anew (200), different from the one
before, with a new ETag. An ETag that ignored any of them would fail here.

The thread page and the thread list cost the same number of queries whatever the forum's size,
and the thread page's count, rendered or answered 304, is pinned."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from entraide import registry
from entraide.selectors.header import HeaderItem
from entraide.services.accounts import account_delete, profile_update
from entraide.services.groups import group_leave, group_update
from forums.models import ReactionKind
from forums.services.moderation import slow_mode_set, thread_lock, thread_pin
from forums.services.posts import post_create, post_delete, post_edit, thread_create
from forums.services.reactions import reaction_add, reaction_remove
from forums.services.settings import cw_preference_set, forum_settings_update
from moderation.models import GroupMute, RoleKind
from moderation.services.content import content_hide
from moderation.services.roles import role_step_down, role_volunteer
from moderation.services.safety import member_mute
from tests.factories import join
from tests.moderation.builders import end_term
from tests.queries import SESSION_QUERIES

from .builders import a_thread, forum, replies

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _visit(client, url, etag=None):
    """Status, ETag and page, the CSRF tokens (masked anew on every rendering) set aside."""
    response = client.get(url, **({"HTTP_IF_NONE_MATCH": etag} if etag else {}))
    page = _TOKEN.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())
    return SimpleNamespace(status=response.status_code, etag=response.get("ETag"), page=page, response=response)


@pytest.fixture
def scene(client, unlimited_posting):
    group, moderator, member = forum()
    reader = join(group)
    thread = a_thread(group, member, body="Premier message, avec **du gras**.")
    posts = replies(thread, [moderator, member], 3)
    warned = post_create(actor=member, thread=thread, body="Un passage difficile.", content_warnings=["medical"])
    reaction_add(actor=moderator, post=posts[1], kind=ReactionKind.THANK_YOU)
    client.force_login(reader)
    url = reverse("forum_thread", args=[group.slug, thread.pk])
    client.get(url)  # reads the thread: the read mark moves, and the next page shows no post as new
    before = _visit(client, url)
    assert before.status == 200 and before.etag
    assert _visit(client, url, before.etag).status == 304, "nothing changed: the reload is answered 304"
    return SimpleNamespace(client=client, url=url, group=group, moderator=moderator, member=member, reader=reader,
                           thread=thread, posts=posts, warned=warned, before=before)


def _follows(scene, change):
    change(scene)
    after = _visit(scene.client, scene.url, scene.before.etag)
    assert after.status == 200, "the reload gets the page anew"
    assert after.etag and after.etag != scene.before.etag
    assert after.page != scene.before.page, "the change shows on the page"
    return after


CHANGES = {
    "another member replies": lambda s: post_create(actor=s.member, thread=s.thread, body="Une nouvelle réponse."),
    "an author edits a post": lambda s: post_edit(actor=s.member, post=s.posts[1], body="Texte revu et corrigé."),
    "an author deletes a post": lambda s: post_delete(actor=s.member, post=s.posts[1]),
    "a member reacts": lambda s: reaction_add(actor=s.moderator, post=s.posts[1], kind=ReactionKind.ME_TOO),
    "a member takes a reaction back": lambda s: reaction_remove(actor=s.moderator, post=s.posts[1],
                                                                kind=ReactionKind.THANK_YOU),
    "a moderator hides a post": lambda s: content_hide(actor=s.moderator, target=s.posts[1], reason="Hors charte"),
    "a moderator locks the thread": lambda s: thread_lock(actor=s.moderator, thread=s.thread),
    "a moderator pins the thread": lambda s: thread_pin(actor=s.moderator, thread=s.thread),
    "a moderator sets slow mode": lambda s: slow_mode_set(actor=s.moderator, thread=s.thread, seconds=600),
    "an author takes another pseudonym": lambda s: profile_update(actor=s.member, member=s.member,
                                                                  pseudonym="Nouveau Nom"),
    "an author closes their account": lambda s: account_delete(actor=s.member, member=s.member),
    "the reader mutes an author": lambda s: member_mute(actor=s.reader, member=s.member),
    "the reader hides a warning": lambda s: cw_preference_set(actor=s.reader, warning="medical", choice="hide"),
    "the reader changes language": lambda s: profile_update(actor=s.reader, member=s.reader, preferred_language="de"),
    "the group is renamed": lambda s: group_update(actor=s.moderator, group=s.group, name="Un autre nom"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_the_reload_follows_every_change(scene, change):
    _follows(scene, change)


def test_an_unchanged_page_is_answered_304_without_a_body_and_kept_private(scene):
    reload = _visit(scene.client, scene.url, scene.before.etag)
    assert reload.status == 304 and reload.response.content == b""
    assert reload.etag == scene.before.etag
    for response in (scene.before.response, reload.response):
        assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}


def test_the_header_follows_a_new_notification(scene, django_capture_on_commit_callbacks):
    """Something added to the header through a service: the reload shows it."""
    assert "non lue" not in scene.before.page

    def mention(s):
        # In another thread: reading this one does not read it.
        other = a_thread(s.group, s.moderator, title="Un autre sujet")
        with django_capture_on_commit_callbacks(execute=True):
            post_create(actor=s.member, thread=other, body=f"Merci @{s.reader.pseudonym} !")

    after = _follows(scene, mention)
    assert re.search(r'badge-notice">1<span class="visually-hidden"> non lue</span>', after.page)


def test_the_header_follows_an_item_another_app_adds_later(scene, tmp_path, settings):
    """An app that adds to the header (a chat badge, the next meeting) registers a HeaderItem:
    the header and the ETag read the same context, so nobody needs to remember the ETag."""
    (tmp_path / "badge.html").write_text("<li class=\"test-badge\">{{ waiting }} en attente</li>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    waiting = {"count": 1}
    registry.header_items.register("test_badge", HeaderItem("badge.html", lambda request: {"waiting": waiting["count"]}))
    try:
        shown = _visit(scene.client, scene.url, scene.before.etag)
        assert shown.status == 200 and '<li class="test-badge">1 en attente</li>' in shown.page
        assert _visit(scene.client, scene.url, shown.etag).status == 304
        waiting["count"] = 2
        after = _visit(scene.client, scene.url, shown.etag)
        assert after.status == 200 and '<li class="test-badge">2 en attente</li>' in after.page
    finally:
        registry.header_items.unregister("test_badge")


def test_the_page_follows_the_readers_group_mute_and_its_end_by_the_clock(scene):
    def muted(s):
        GroupMute.objects.create(group=s.group, member=s.reader, until=timezone.now() + timedelta(days=1))

    scene.before = _follows(scene, muted)
    assert "Publier la réponse" not in scene.before.page

    def mute_ends(s):
        GroupMute.objects.filter(member=s.reader).update(created_at=timezone.now() - timedelta(days=3),
                                                         until=timezone.now() - timedelta(seconds=1))

    assert "Publier la réponse" in _follows(scene, mute_ends).page


def test_the_page_follows_a_role_taken_and_a_term_ended_by_the_clock(scene):
    def becomes_moderator(s):
        role_step_down(actor=s.moderator, group=s.group, role=RoleKind.MODERATOR)
        role_volunteer(actor=s.reader, group=s.group, role=RoleKind.MODERATOR)

    scene.before = _follows(scene, becomes_moderator)
    assert "Outils de modération" in scene.before.page
    after = _follows(scene, lambda s: end_term(s.group, s.reader, RoleKind.MODERATOR))
    assert "Outils de modération" not in after.page


def test_a_new_release_is_a_new_page(scene, settings):
    settings.RELEASE = f"{settings.RELEASE}-next"
    assert _visit(scene.client, scene.url, scene.before.etag).status == 200


def test_a_new_csrf_secret_is_a_new_page(scene, settings):
    """The page's forms carry tokens of the browser's CSRF secret: a page kept from before a
    new secret would have forms that fail."""
    scene.client.cookies[settings.CSRF_COOKIE_NAME] = "n" * 32
    assert _visit(scene.client, scene.url, scene.before.etag).status == 200


def test_a_page_answered_304_keeps_forms_that_this_browser_may_post(scene):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scene.reader)
    client.get(scene.url)
    first = client.get(scene.url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', first.content.decode()).group(1)
    assert client.get(scene.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    response = client.post(reverse("forum_thread_reply", args=[scene.group.slug, scene.thread.pk]),
                           {"body": "Avec le jeton de la page gardée.", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_member_who_left_is_refused_whatever_etag_they_send(scene):
    group_leave(actor=scene.reader, group=scene.group)
    assert scene.client.get(scene.url, HTTP_IF_NONE_MATCH=scene.before.etag).status_code == 403


@pytest.mark.parametrize("sent", ["the reader's", "any"])
def test_no_one_else_is_answered_304_with_a_readers_etag(scene, sent):
    etag = scene.before.etag if sent == "the reader's" else "*"
    outsider = Client()
    outsider.force_login(join(forum()[0]))
    assert outsider.get(scene.url, HTTP_IF_NONE_MATCH=etag).status_code == 403
    other_member = Client()
    other_member.force_login(scene.moderator)
    response = other_member.get(scene.url, HTTP_IF_NONE_MATCH=etag if sent == "the reader's" else '"x"')
    assert response.status_code == 200 and "Outils de modération" in response.content.decode()


def test_an_unlisted_groups_thread_is_not_told_to_exist_by_a_304(client, unlimited_posting):
    group, _moderator, member = forum(unlisted=True)
    url = reverse("forum_thread", args=[group.slug, a_thread(group, member).pk])
    client.force_login(join(forum()[0]))
    assert client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 404


def test_a_public_forum_answers_304_to_visitors_until_it_closes(scene):
    forum_settings_update(actor=scene.moderator, group=scene.group, readable_by_anyone=True)
    visitor = Client()
    visitor.get(scene.url)  # the visitor's first page gives them a CSRF secret: the next one differs
    etag = visitor.get(scene.url)["ETag"]
    assert visitor.get(scene.url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    forum_settings_update(actor=scene.moderator, group=scene.group, readable_by_anyone=False)
    assert visitor.get(scene.url, HTTP_IF_NONE_MATCH=etag).status_code == 403


def test_a_message_after_replying_shows_once_and_the_page_has_an_etag_again(scene):
    response = scene.client.post(reverse("forum_thread_reply", args=[scene.group.slug, scene.thread.pk]),
                                 {"body": "Merci à vous."}, follow=True)
    assert "Votre réponse est publiée." in response.content.decode()
    assert not response.has_header("ETag"), "a page that shows something once is never answered 304"
    after = _visit(scene.client, scene.url, scene.before.etag)
    assert after.status == 200 and after.etag and "Votre réponse est publiée." not in after.page
    assert _visit(scene.client, scene.url, after.etag).status == 304


def test_a_reply_quoting_a_post_is_its_own_page(scene):
    quoting = _visit(scene.client, f"{scene.url}?quote=2", scene.before.etag)
    assert quoting.status == 200 and "&gt; Merci pour ce message. (0)" in quoting.page
    assert quoting.etag != scene.before.etag
    assert _visit(scene.client, scene.url, scene.before.etag).status == 304


def test_each_page_of_a_thread_is_its_own_page(scene):
    replies(scene.thread, [scene.member, scene.moderator], 20)
    first = _visit(scene.client, f"{scene.url}?page=1")
    second = _visit(scene.client, f"{scene.url}?page=2", first.etag)
    assert second.status == 200 and second.etag != first.etag


# --- Queries -----------------------------------------------------------------------------------

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
def test_a_thread_page_is_rendered_in_nine_queries_whatever_its_size(client, unlimited_posting,
                                                                      django_assert_num_queries, posts):
    """Session (from the cache with Redis) and member; what the ETag is made of, asked once for
    the ETag and the page: the group with its forum settings and, in the same query, the
    reader's standing in it (membership, roles held now, group mute, removal), the thread with
    their read mark, their warning choices, the members they muted or blocked, the header (their
    unread count); then the page's posts and their reactions."""
    group, thread, reader = _busy_forum(posts, thread_count=1)
    client.force_login(reader)
    url = reverse("forum_thread", args=[group.slug, thread.pk])
    client.get(url)
    with django_assert_num_queries(SESSION_QUERIES + 8):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("posts", [10, 200])
def test_a_reload_answered_304_takes_seven_queries_whatever_its_size(client, unlimited_posting,
                                                                     django_assert_num_queries, posts):
    """What the ETag is made of, and nothing of the page."""
    group, thread, reader = _busy_forum(posts, thread_count=1)
    client.force_login(reader)
    url = reverse("forum_thread", args=[group.slug, thread.pk])
    client.get(url)
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(SESSION_QUERIES + 6):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
