"""Centres built through their services, as platform staff would."""

from centres.services.centres import centre_create, centre_staff_link, listing_create
from tests.factories import UserFactory, region, theme


def platform_staff():
    return UserFactory(is_staff=True)


def make_centre(*, name="Centre d'entraide Vaud", regions=("vd",), staff=None, **details):
    admin = platform_staff()
    centre = centre_create(actor=admin, name=name, region_codes=list(regions), **details)
    staff = staff or UserFactory()
    centre_staff_link(actor=admin, centre=centre, member=staff)
    centre.staff_member = staff
    return centre


def make_listing(centre, *, name="Groupe deuil de Lausanne", kind="group", theme_code="grief", language="fr",
                 region_code="vd", format="in_person", link="https://deuil.example", organisation_contact=""):
    return listing_create(actor=centre.staff_member, centre=centre, kind=kind, name=name, theme=theme(theme_code),
                          language=language, region=region(region_code), format=format, link=link,
                          organisation_contact=organisation_contact)
