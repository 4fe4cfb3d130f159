"""The site's own pages (entraide/views/pages.py): the home page, the health check, the
language switcher and robots.txt."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from tests.conftest import assert_valid_html
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- Home --------------------------------------------------------------------------------------

def test_home_page_renders_valid_html(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert_valid_html(response)


# --- Health check ------------------------------------------------------------------------------

class BrokenChannelLayer:
    """A channel layer whose backend cannot be reached."""

    def __init__(self, **kwargs):
        pass

    async def new_channel(self, prefix="specific."):
        raise ConnectionError("channel layer unreachable")


BROKEN_LAYER = {"default": {"BACKEND": "tests.entraide.test_pages_views.BrokenChannelLayer"}}


def test_healthz_answers_200_with_json_when_database_and_channel_layer_answer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_channel_layer_fails(client, db, settings):
    settings.CHANNEL_LAYERS = BROKEN_LAYER

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "channel_layer": "unavailable"}


def test_healthz_answers_503_when_the_database_fails(client, db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("database is down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "channel_layer": "ok"}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_refuses_other_methods_than_get(client, db, method):
    response = getattr(client, method)("/healthz")

    assert response.status_code == 405


# Checks that only mean something on the production services, PostgreSQL and Redis: run by
# `make test-services` (CI); skipped, with the reason, where they are not configured.
UNREACHABLE_REDIS_LAYER = {
    "default": {
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
    }
}


@pytest.mark.services
def test_healthz_answers_200_against_postgresql_and_redis(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


@pytest.mark.services
def test_healthz_answers_503_when_redis_cannot_be_reached(client, db, settings):
    settings.CHANNEL_LAYERS = UNREACHABLE_REDIS_LAYER

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["channel_layer"] == "unavailable"
    assert response.json()["database"] == "ok"


# --- Language switch ---------------------------------------------------------------------------

def test_french_is_the_default_language(client):
    response = client.get("/")
    assert '<html lang="fr">' in response.content.decode()


def test_the_switcher_changes_the_language_for_a_visitor(client):
    response = client.post("/language/", {"language": "de", "next": "/groups/"})
    assert response.status_code == 302
    assert response["Location"] == "/groups/"
    assert response.cookies["entraide_language"].value == "de"
    assert '<html lang="de">' in client.get("/").content.decode()


def test_the_switcher_remembers_the_choice_in_a_members_profile(client):
    member = UserFactory(preferred_language="fr")
    client.force_login(member)
    client.post("/language/", {"language": "it", "next": "/"})
    member.refresh_from_db()
    assert member.preferred_language == "it"


def test_a_members_preferred_language_applies_in_a_new_browser(client):
    client.force_login(UserFactory(preferred_language="en"))
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.parametrize("language", ["xx", "", "<script>"])
def test_an_unknown_language_changes_nothing(client, language):
    response = client.post("/language/", {"language": language, "next": "/"})
    assert response.status_code == 302
    assert "entraide_language" not in response.cookies


def test_the_switcher_never_sends_anyone_to_another_site(client):
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_switcher_only_accepts_post(client):
    assert client.get("/language/").status_code == 405


# --- robots.txt --------------------------------------------------------------------------------

def test_robots_txt_is_plain_text_keeping_members_spaces_out_of_search_engines(client, db):
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("User-agent: *") and "Disallow: /forums/" in body and "Disallow: /profile/" in body
