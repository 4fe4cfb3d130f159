import pytest

from centres.permissions.centres import can_edit
from centres.services.centres import accompaniment_set, centre_edit, listing_delete, listing_edit
from entraide.errors import NotAllowed
from tests.factories import UserFactory, make_group

from .builders import make_centre, make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_centres():
    return make_centre(), make_centre(name="Selbsthilfezentrum Zürich", regions=("zh",))


def test_a_centres_staff_edit_its_page_and_nobody_elses(two_centres):
    vaud, zurich = two_centres
    assert can_edit(vaud.staff_member, vaud)
    assert not can_edit(vaud.staff_member, zurich)
    assert not can_edit(UserFactory(is_staff=True), vaud)
    with pytest.raises(NotAllowed, match="Seule l'équipe de ce centre"):
        centre_edit(actor=vaud.staff_member, centre=zurich, name="Pris")


def test_staff_of_one_centre_cannot_change_another_centres_listings(two_centres):
    vaud, zurich = two_centres
    listing = make_listing(zurich, name="MS-Treff", region_code="zh", language="de")
    with pytest.raises(NotAllowed):
        listing_edit(actor=vaud.staff_member, listing=listing, name="Pris")
    with pytest.raises(NotAllowed):
        listing_delete(actor=vaud.staff_member, listing=listing)
    listing.refresh_from_db()
    assert listing.name == "MS-Treff"


def test_only_a_centres_staff_set_its_accompaniments(two_centres):
    vaud, _zurich = two_centres
    with pytest.raises(NotAllowed):
        accompaniment_set(actor=UserFactory(), centre=vaud, group=make_group())
