"""A post's own pages: revealing an anonymous author, editing and its history, deleting, reacting."""

import pytest

from forums.models import Reaction, ReactionKind
from forums.permissions import AUTHORS_EDIT
from moderation.models import LogAction, ModerationLogEntry
from tests.factories import join

from .builders import a_thread, forum
from .pages import as_, page, post_url, said, thread_url

pytestmark = pytest.mark.django_db


# --- Anonymity ---------------------------------------------------------------------------------

def test_a_moderator_reveals_an_anonymous_author_with_a_reason_and_the_log_says_so(client):
    group, moderator, member = forum()
    post = a_thread(group, member, is_anonymous=True).posts.get()
    url = post_url(post, "forum_post_reveal")
    assert as_(client, join(group)).get(url).status_code == 403
    page(as_(client, moderator).get(url))
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "pourquoi" in page(response)
    html = page(client.post(url, {"reason": "Propos inquiétants"}))
    assert member.pseudonym in html
    assert ModerationLogEntry.objects.filter(action=LogAction.AUTHOR_REVEALED, reason="Propos inquiétants").exists()


# --- Edits, history, deletion ------------------------------------------------------------------

def test_the_author_edits_and_members_read_the_history(client):
    group, moderator, member = forum()
    post = a_thread(group, member, body="Premier jet").posts.get()
    page(as_(client, member).get(post_url(post, "forum_post_edit")))
    response = client.post(post_url(post, "forum_post_edit"), {"body": "Second jet"})
    assert response.status_code == 302
    html = page(as_(client, join(group)).get(post_url(post, "forum_post_history")))
    assert "Premier jet" in html and "Second jet" in html


def test_editing_someone_elses_post_is_forbidden_and_changes_nothing(client):
    group, moderator, member = forum()
    post = a_thread(group, member, body="Mon texte").posts.get()
    refused = as_(client, moderator).get(post_url(post, "forum_post_edit"))
    assert refused.status_code == 403 and said(AUTHORS_EDIT) in refused.content.decode()
    assert client.post(post_url(post, "forum_post_edit"), {"body": "Réécrit"}).status_code == 403
    post.refresh_from_db()
    assert post.body == "Mon texte"


def test_an_edit_to_nothing_is_refused_and_the_form_keeps_the_text(client):
    group, _moderator, member = forum()
    post = a_thread(group, member, body="Mon texte").posts.get()
    response = as_(client, member).post(post_url(post, "forum_post_edit"), {"body": "x" * 100_000})
    assert response.status_code == 400 and "x" * 100_000 in page(response)
    post.refresh_from_db()
    assert post.body == "Mon texte"


def test_the_author_deletes_after_confirming_and_the_post_shows_as_deleted(client):
    group, moderator, member = forum()
    post = a_thread(group, member, body="Je regrette").posts.get()
    assert as_(client, moderator).get(post_url(post, "forum_post_delete")).status_code == 403
    page(as_(client, member).get(post_url(post, "forum_post_delete")))
    assert client.post(post_url(post, "forum_post_delete")).status_code == 302
    html = page(as_(client, moderator).get(thread_url(post.thread)))
    assert "Message supprimé par son auteur·e." in html and "Je regrette" not in html


# --- Reactions ---------------------------------------------------------------------------------

def test_reactions_show_as_counts_and_who_reacted_on_request(client):
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    url = post_url(post, "forum_post_react")
    assert as_(client, moderator).post(url, {"kind": ReactionKind.ME_TOO}).status_code == 302
    html = page(client.get(thread_url(post.thread)))
    assert "Moi aussi · 1" in html and 'aria-pressed="true"' in html
    assert "Qui a réagi ?" in html and f"Moi aussi : {moderator.pseudonym}" in html
    response = client.post(url, {"kind": ReactionKind.ME_TOO})
    assert response.status_code == 409 and "déjà réagi" in page(response)
    assert client.post(url, {"kind": "downvote"}).status_code == 400
    assert client.post(url, {"kind": ReactionKind.ME_TOO, "remove": "1"}).status_code == 302
    assert not Reaction.objects.exists()
