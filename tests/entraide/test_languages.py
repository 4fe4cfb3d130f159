import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


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
