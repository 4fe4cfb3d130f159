import pytest

from entraide import registry

from .builders import make_centre

pytestmark = pytest.mark.django_db


def test_a_staff_members_links_are_exported_and_go_with_the_account():
    centre = make_centre(name="Centre d'entraide Vaud")
    member = centre.staff_member
    assert registry.export_sections.get("centre_staff")(member)[0]["centre"] == "Centre d'entraide Vaud"
    registry.account_cleanups.get("centre_staff")(member)
    assert not centre.staff.exists()
