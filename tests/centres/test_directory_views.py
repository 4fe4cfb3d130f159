import pytest

from tests.conftest import assert_valid_html
from tests.factories import make_group

from .builders import make_centre, make_listing

pytestmark = pytest.mark.django_db


def test_an_external_listing_shows_its_label_and_a_link_that_leaves(client):
    make_listing(make_centre(), name="Groupe deuil de Lausanne", link="https://deuil.example/")
    response = client.get("/groups/?q=lausanne")
    html = response.content.decode()
    assert "Hors plateforme" in html and "Groupe deuil de Lausanne" in html
    assert '<a href="https://deuil.example/" rel="noopener external">' in html
    assert_valid_html(response)


def test_an_empty_search_shows_the_centre_of_the_chosen_region(client):
    make_centre(name="Centre d'entraide Vaud", phone="+41 21 000 00 00")
    html = client.get("/groups/?q=introuvable&region=vd").content.decode()
    assert "Votre contact en" in html and "Centre d&#x27;entraide Vaud" in html and "+41 21 000 00 00" in html
    assert "Votre contact en" not in client.get("/groups/?q=introuvable&region=zh").content.decode()


def test_a_rare_themes_results_show_the_regions_centre_too(client):
    from entraide.models import Theme

    rare = Theme.objects.filter(is_rare=True).first() or Theme.objects.first()
    Theme.objects.filter(pk=rare.pk).update(is_rare=True)
    make_centre(name="Centre d'entraide Vaud")
    make_group(name="Un groupe rare", themes=(rare.code,), region_code="vd")
    html = client.get(f"/groups/?theme={rare.code}&region=vd").content.decode()
    assert "Un groupe rare" in html and "Votre contact en" in html


def test_the_group_page_shows_the_centre_that_accompanies_it(client):
    from centres.services.centres import accompaniment_set

    centre = make_centre(name="Centre d'entraide Vaud")
    group = make_group(name="Deuil : parler de l'absence")
    accompaniment_set(actor=centre.staff_member, centre=centre, group=group)
    html = client.get(f"/groups/{group.slug}/").content.decode()
    assert "accompagné par le centre régional Centre d&#x27;entraide Vaud" in html
