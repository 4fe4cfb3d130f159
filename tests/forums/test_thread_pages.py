"""A reader's kept thread page is served again only while nothing it shows has changed.

Each change below is made through the services between two visits: the page then served must
differ from the one before, and be exactly the page rendered from scratch."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from entraide.services.accounts import account_delete, profile_update
from entraide.services.groups import group_leave, group_update
from forums import thread_pages
from forums.models import ReactionKind, ThreadRead
from forums.services.moderation import slow_mode_set, thread_lock, thread_pin
from forums.services.posts import post_create, post_delete, post_edit
from forums.services.reactions import reaction_add, reaction_remove
from forums.services.settings import cw_preference_set, forum_settings_update
from moderation.models import RoleKind
from moderation.report_models import GroupMute
from moderation.services.content import content_hide
from moderation.services.roles import role_step_down, role_volunteer
from moderation.services.safety import member_mute
from tests.factories import join
from tests.moderation.builders import end_term

from .builders import a_thread, forum, fresh, replies

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    page = _TOKEN.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())
    return response.status_code, page, len(queries)


def _rendered(client, url, monkeypatch):
    """The page built from scratch, as if nothing had been kept."""
    with monkeypatch.context() as patched:
        patched.setattr(thread_pages, "lookup", lambda *args, **kwargs: thread_pages.Lookup())
        status, page, _queries = _get(client, url)
    return status, page


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
    client.get(url)  # reads the thread: the read mark moves
    client.get(url)  # rendered for the read mark as it is now, and kept
    status, page, queries = _get(client, url)
    assert (status, queries) == (200, 5), "the third visit is served from the kept page"
    return SimpleNamespace(client=client, url=url, group=group, moderator=moderator, member=member, reader=reader,
                           thread=thread, posts=posts, warned=warned, before=page)


def _follows(scene, monkeypatch, change, *, status=200):
    change(scene)
    reads = ThreadRead.objects.filter(member=scene.reader, thread=scene.thread)
    read_mark = reads.values_list("last_read_post_number", flat=True).first()
    served_status, served, _queries = _get(scene.client, scene.url)
    assert served_status == status
    assert served != scene.before, "the change shows on the page"
    # Showing a new post moved the read mark: the page from scratch is built for the mark as it was.
    reads.update(last_read_post_number=read_mark)
    assert (served_status, served) == _rendered(scene.client, scene.url, monkeypatch)


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
def test_the_served_page_follows_every_change(scene, monkeypatch, change):
    _follows(scene, monkeypatch, change)


def test_the_header_follows_a_new_notification(scene, monkeypatch, django_capture_on_commit_callbacks):
    def mention(s):
        # In another thread: reading this one does not read it.
        other = a_thread(s.group, s.moderator, title="Un autre sujet")
        with django_capture_on_commit_callbacks(execute=True):
            post_create(actor=s.member, thread=other, body=f"Merci @{s.reader.pseudonym} !")

    _follows(scene, monkeypatch, mention)
    assert "non lue" in scene.client.get(scene.url).content.decode()


def test_the_page_follows_the_readers_group_mute_and_its_end_by_the_clock(scene, monkeypatch):
    def muted(s):
        GroupMute.objects.create(group=s.group, member=s.reader, until=timezone.now() + timedelta(days=1))

    _follows(scene, monkeypatch, muted)
    assert "Publier la réponse" not in scene.client.get(scene.url).content.decode()
    scene.before = _get(scene.client, scene.url)[1]

    def mute_ends(s):
        GroupMute.objects.filter(member=s.reader).update(created_at=timezone.now() - timedelta(days=3),
                                                         until=timezone.now() - timedelta(seconds=1))

    _follows(scene, monkeypatch, mute_ends)
    assert "Publier la réponse" in scene.client.get(scene.url).content.decode()


def test_the_page_follows_a_role_taken_and_a_term_ended_by_the_clock(scene, monkeypatch):
    def becomes_moderator(s):
        role_step_down(actor=s.moderator, group=s.group, role=RoleKind.MODERATOR)
        role_volunteer(actor=fresh(s.reader), group=s.group, role=RoleKind.MODERATOR)

    _follows(scene, monkeypatch, becomes_moderator)
    assert "Outils de modération" in scene.client.get(scene.url).content.decode()
    scene.before = _get(scene.client, scene.url)[1]
    _follows(scene, monkeypatch, lambda s: end_term(s.group, s.reader, RoleKind.MODERATOR))
    assert "Outils de modération" not in scene.client.get(scene.url).content.decode()


def test_a_member_who_left_is_refused_the_page_they_had_kept(scene):
    group_leave(actor=scene.reader, group=scene.group)
    assert scene.client.get(scene.url).status_code == 403


def test_a_page_kept_for_one_member_is_never_served_to_another(scene):
    outsider = Client()
    outsider.force_login(join(forum()[0]))
    assert outsider.get(scene.url).status_code == 403
    other_member = Client()
    other_member.force_login(scene.moderator)
    page = other_member.get(scene.url).content.decode()
    assert "Outils de modération" in page and "Outils de modération" not in scene.before


def test_a_public_forum_is_kept_for_visitors_until_it_closes(scene, monkeypatch):
    forum_settings_update(actor=scene.moderator, group=scene.group, readable_by_anyone=True)
    visitor = Client()
    visitor.get(scene.url)
    status, _page, queries = _get(visitor, scene.url)
    assert (status, queries) == (200, 1), "a visitor's kept page: only the state is asked"
    forum_settings_update(actor=scene.moderator, group=scene.group, readable_by_anyone=False)
    assert visitor.get(scene.url).status_code == 403


def test_a_message_after_replying_shows_once_and_the_page_is_kept_again(scene):
    response = scene.client.post(reverse("forum_thread_reply", args=[scene.group.slug, scene.thread.pk]),
                                 {"body": "Merci à vous."}, follow=True)
    assert "Votre réponse est publiée." in response.content.decode()
    for _visit in range(2):
        assert "Votre réponse est publiée." not in scene.client.get(scene.url).content.decode()
    assert _get(scene.client, scene.url)[2] == 5


def test_a_kept_page_carries_a_csrf_token_that_this_request_accepts(scene):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scene.reader)
    client.get(scene.url)
    client.get(scene.url)
    page = client.get(scene.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(reverse("forum_thread_reply", args=[scene.group.slug, scene.thread.pk]),
                           {"body": "Avec le jeton de la page gardée.", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_reply_quoting_a_post_is_rendered_for_that_request_only(scene):
    quoting = scene.client.get(f"{scene.url}?quote=2").content.decode()
    assert "&gt; Merci pour ce message. (0)" in quoting
    assert "&gt; Merci pour ce message. (0)" not in scene.client.get(scene.url).content.decode()


def test_a_page_is_not_kept_when_the_thread_changed_while_it_was_rendered(scene, monkeypatch):
    from forums import views

    render = views._thread_page

    def render_then_someone_replies(request, group, thread, **kwargs):
        response = render(request, group, thread, **kwargs)
        post_create(actor=scene.member, thread=thread, body="Écrit pendant le rendu.")
        return response

    reaction_add(actor=scene.member, post=scene.posts[0], kind=ReactionKind.HELPFUL)
    monkeypatch.setattr(views, "_thread_page", render_then_someone_replies)
    scene.client.get(scene.url)
    monkeypatch.setattr(views, "_thread_page", render)
    status, page, queries = _get(scene.client, scene.url)
    assert queries > 5, "rendered anew, not served from a page kept for the older state"
    assert "Écrit pendant le rendu." in page
