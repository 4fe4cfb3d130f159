from unittest import mock

import pytest
from django.db import OperationalError, connection


class BrokenChannelLayer:
    """A channel layer whose backend cannot be reached."""

    def __init__(self, **kwargs):
        pass

    async def new_channel(self, prefix="specific."):
        raise ConnectionError("channel layer unreachable")


BROKEN_LAYER = {"default": {"BACKEND": "tests.entraide.test_health.BrokenChannelLayer"}}


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
