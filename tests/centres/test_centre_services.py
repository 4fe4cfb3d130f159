import pytest

from centres.models import Centre, CentreAccompaniment
from centres.services.centres import accompaniment_set, centre_create, centre_edit, listing_create, listing_edit
from entraide.errors import Conflict, DomainError, NotAllowed
from tests.factories import UserFactory, make_group, region, theme

from .builders import make_centre, make_listing, platform_staff

pytestmark = pytest.mark.django_db


def test_platform_staff_create_a_centre_serving_its_regions():
    centre = make_centre(regions=("vd", "ge"))
    assert sorted(centre.regions.values_list("code", flat=True)) == ["ge", "vd"]


def test_a_region_has_at_most_one_centre():
    make_centre(regions=("vd",))
    with pytest.raises(Conflict, match="déjà leur centre"):
        make_centre(name="Autre centre", regions=("vd",))
    assert Centre.objects.count() == 1


def test_an_unknown_region_is_refused_with_its_code():
    with pytest.raises(DomainError, match="n'existe pas : atlantide"):
        centre_create(actor=platform_staff(), name="Centre", region_codes=["atlantide"])


def test_only_platform_staff_create_centres():
    with pytest.raises(NotAllowed):
        centre_create(actor=UserFactory(), name="Centre", region_codes=["vd"])


def test_a_website_must_be_http_or_https():
    centre = make_centre()
    with pytest.raises(DomainError, match="http:// ou https://"):
        centre_edit(actor=centre.staff_member, centre=centre, website="javascript:alert(1)")


def test_a_listing_link_must_be_http_or_https():
    centre = make_centre()
    for link in ("javascript:alert(1)", "data:text/html,hi", "ftp://files.example"):
        with pytest.raises(DomainError, match="http:// ou https://"):
            make_listing(centre, link=link)
    assert make_listing(centre, link="http://ok.example").link == "http://ok.example"


def test_the_presentation_is_in_the_readers_language_else_french():
    from django.utils import translation

    centre = make_centre(presentation_fr="Bonjour", presentation_de="Grüezi")
    with translation.override("de"):
        assert centre.presentation == "Grüezi"
    with translation.override("it"):
        assert centre.presentation == "Bonjour"


def test_a_group_is_accompanied_by_one_centre_at_most():
    vaud, zurich = make_centre(), make_centre(name="Zürich", regions=("zh",))
    group = make_group()
    accompaniment_set(actor=vaud.staff_member, centre=vaud, group=group)
    with pytest.raises(Conflict, match="déjà accompagné"):
        accompaniment_set(actor=zurich.staff_member, centre=zurich, group=group)
    assert CentreAccompaniment.objects.get(group=group).centre == vaud
