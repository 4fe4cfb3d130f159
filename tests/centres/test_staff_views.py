import pytest

from centres.models import Centre, CentreStaff
from tests.factories import PASSWORD, UserFactory

from .builders import make_centre

pytestmark = pytest.mark.django_db


def logged_in(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


def test_platform_staff_create_a_centre_and_link_its_staff(client):
    client = logged_in(client, UserFactory(is_staff=True))
    response = client.post("/centres/new/", {"name": "Centre d'entraide Genève", "regions": ["ge"]})
    centre = Centre.objects.get(name="Centre d'entraide Genève")
    assert response.status_code == 302
    member = UserFactory()
    assert client.post(f"/centres/{centre.pk}/staff/", {"email": member.email.upper()}).status_code == 302
    assert CentreStaff.objects.filter(centre=centre, member=member).exists()


def test_an_unknown_account_or_region_is_refused_with_a_message(client):
    client = logged_in(client, UserFactory(is_staff=True))
    response = client.post("/centres/new/", {"name": "Centre", "regions": ["atlantide"]})
    assert response.status_code == 400 and "n&#x27;existe pas" in response.content.decode()
    centre = make_centre()
    response = client.post(f"/centres/{centre.pk}/staff/", {"email": "personne@example.org"})
    assert response.status_code == 400 and "Aucun compte" in response.content.decode()


def test_members_and_centre_staff_cannot_create_centres(client):
    centre = make_centre()
    client = logged_in(client, centre.staff_member)
    assert client.get("/centres/new/").status_code == 403
    assert client.post(f"/centres/{centre.pk}/staff/", {"email": UserFactory().email}).status_code == 403
