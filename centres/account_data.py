"""A member's centre staff links, in their export and gone with their account. Registered from
CentresConfig.ready()."""

from entraide import registry
from entraide.selectors.export import iso

from .models import CentreStaff


def export_centre_staff(user) -> list[dict]:
    links = CentreStaff.objects.filter(member=user).select_related("centre").order_by("linked_at", "pk")
    return [{"centre": link.centre.name, "linked_at": iso(link.linked_at)} for link in links]


def forget_centre_staff(user) -> None:
    CentreStaff.objects.filter(member=user).delete()


def register() -> None:
    registry.export_sections.register("centre_staff", export_centre_staff)
    registry.account_cleanups.register("centre_staff", forget_centre_staff)
