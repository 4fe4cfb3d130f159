import pytest

from centres.models import ExternalListing
from tests.factories import PASSWORD, UserFactory

from .builders import make_centre, make_listing

pytestmark = pytest.mark.django_db

LISTING = {"kind": "forum", "name": "Forum Epilepsie", "theme": "epilepsy", "language": "de", "region": "online",
           "format": "online", "link": "https://forum.example", "organisation_contact": ""}


def logged_in(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


def test_centre_staff_add_an_external_forum(client):
    centre = make_centre()
    response = logged_in(client, centre.staff_member).post(f"/centres/{centre.pk}/listings/new/", LISTING)
    assert response.status_code == 302
    assert ExternalListing.objects.get(centre=centre).name == "Forum Epilepsie"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "ftp://files.example"])
def test_a_link_that_is_not_http_is_refused_with_a_message(client, link):
    centre = make_centre()
    response = logged_in(client, centre.staff_member).post(f"/centres/{centre.pk}/listings/new/",
                                                          {**LISTING, "link": link})
    assert response.status_code == 400
    assert "http:// ou https://" in response.content.decode()
    assert not ExternalListing.objects.exists()


def test_an_unknown_region_is_refused_with_a_message(client):
    centre = make_centre()
    response = logged_in(client, centre.staff_member).post(f"/centres/{centre.pk}/listings/new/",
                                                          {**LISTING, "region": "atlantide"})
    assert response.status_code == 400
    assert "Cette région n&#x27;existe pas" in response.content.decode()


def test_a_region_taken_by_another_centre_is_refused_on_the_edit_form(client):
    make_centre(name="Zürich", regions=("zh",))
    centre = make_centre()
    response = logged_in(client, centre.staff_member).post(f"/centres/{centre.pk}/edit/", {
        "name": "Vaud", "regions": ["vd", "zh"]})
    assert response.status_code == 409
    assert "déjà leur centre" in response.content.decode()


def test_staff_of_another_centre_are_refused_with_a_message(client):
    zurich = make_centre(name="Zürich", regions=("zh",))
    listing = make_listing(zurich, region_code="zh")
    vaud = make_centre()
    client = logged_in(client, vaud.staff_member)
    response = client.post(f"/elsewhere/{listing.pk}/edit/", {**LISTING, "name": "Pris"})
    assert response.status_code == 403
    assert "Seule l&#x27;équipe de ce centre" in response.content.decode()
    assert client.post(f"/centres/{zurich.pk}/edit/", {"name": "Pris"}).status_code == 403
    assert client.post(f"/elsewhere/{listing.pk}/delete/").status_code == 403
    assert ExternalListing.objects.get(pk=listing.pk).name == listing.name


def test_ids_out_of_range_give_404(client):
    client = logged_in(client, UserFactory())
    for url in ("/centres/{}/", "/centres/{}/edit/", "/elsewhere/{}/edit/"):
        assert client.get(url.format(10**30)).status_code == 404


def test_the_public_pages_list_centres_and_listings(client):
    centre = make_centre(name="Centre d'entraide Vaud")
    make_listing(centre, name="Groupe deuil de Lausanne")
    assert "Centre d&#x27;entraide Vaud" in client.get("/centres/").content.decode()
    assert "Groupe deuil de Lausanne" in client.get("/elsewhere/").content.decode()
    assert "Groupe deuil de Lausanne" in client.get(f"/centres/{centre.pk}/").content.decode()
