"""Forum and story pages given ids and numbers the database cannot store: a 404 or a 400 that
says what went wrong, never a 500, and nothing written."""

import pytest
from django.urls import reverse

from entraide import ids
from forums.services.settings import forum_settings_update
from forums.models import Story

from .builders import a_thread, forum

pytestmark = pytest.mark.django_db

TOO_LARGE = "99999999999999999999999"
RELOAD = "Cette valeur ne correspond à rien ici : rechargez la page et réessayez."


@pytest.mark.parametrize("readable_by_anyone", [False, True])
def test_a_thread_id_too_large_for_the_database_answers_404_even_to_visitors(client, readable_by_anyone):
    group, moderator, _member = forum()
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=readable_by_anyone)
    assert client.get(f"/groups/{group.slug}/forum/{TOO_LARGE}/").status_code == 404


@pytest.mark.parametrize("quote_of", [str(ids.NUMBER_MAX + 1), TOO_LARGE, "0"])
def test_a_reply_quoting_a_number_no_post_can_have_answers_400_and_posts_nothing(client, quote_of):
    group, _moderator, member = forum()
    thread = a_thread(group, member)
    client.force_login(member)
    response = client.post(reverse("forum_thread_reply", args=[group.slug, thread.pk]),
                           {"body": "Moi aussi", "quote_of": quote_of})
    assert response.status_code == 400
    assert RELOAD in response.content.decode()
    assert "Moi aussi" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_quote_link_with_a_number_too_large_opens_the_thread_without_a_quote(client):
    group, _moderator, member = forum()
    thread = a_thread(group, member)
    client.force_login(member)
    response = client.get(reverse("forum_thread", args=[group.slug, thread.pk]) + f"?quote={TOO_LARGE}")
    assert response.status_code == 200
    assert 'name="quote_of" value=' not in response.content.decode()


def _story(group, **fields):
    return {"group": str(group.pk), "title": "Un an après", "body": "Le groupe m'a aidé.", "signature": "pseudonym",
            "consent": "on", **fields}


def test_a_story_offered_to_a_group_id_too_large_is_refused_by_the_form(client):
    group, _moderator, member = forum()
    client.force_login(member)
    response = client.post(reverse("story_offer"), {**_story(group), "group": TOO_LARGE})
    assert response.status_code == 400
    assert "Choisissez un des groupes dont vous êtes membre." in response.content.decode()
    assert not Story.objects.exists()


def test_a_story_started_from_a_post_id_too_large_answers_404(client):
    group, _moderator, member = forum()
    client.force_login(member)
    assert client.get(reverse("story_offer") + f"?post={TOO_LARGE}").status_code == 404
    assert client.post(reverse("story_offer"), _story(group, post=TOO_LARGE)).status_code == 404
    assert not Story.objects.exists()
