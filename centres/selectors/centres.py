"""What centres show: the centre of a region, a group's accompanying centre, a centre's listings."""

from django.template.loader import render_to_string

from ..models import Centre, CentreAccompaniment, ExternalListing


def centre_of_region(region) -> Centre | None:
    if region is None:
        return None
    return Centre.objects.filter(served__region=region).first()


def accompanying_centre(group) -> Centre | None:
    link = CentreAccompaniment.objects.filter(group=group).select_related("centre").first()
    return link.centre if link else None


def staffed_centres(user) -> list[Centre]:
    if not user.is_authenticated:
        return []
    return list(Centre.objects.filter(staff__member=user))


def listings(*, centre=None):
    found = ExternalListing.objects.select_related("centre", "theme", "region")
    return found.filter(centre=centre) if centre else found


def group_page_extra(group) -> str:
    """The centre that accompanies the group, for the group's page (registry.group_page_extras)."""
    centre = accompanying_centre(group)
    return render_to_string("centres/_accompanied_by.html", {"centre": centre}) if centre else ""


def directory_contact(result) -> str:
    """The chosen region's centre when nothing is found or the theme is rare (registry.directory_contacts)."""
    if not (result.region and (not result.total or (result.theme and result.theme.is_rare))):
        return ""
    centre = centre_of_region(result.region)
    return render_to_string("centres/_contact.html", {"centre": centre, "region": result.region}) if centre else ""


def directory_listings() -> list:
    """Every external listing as the directory shows it (registry.directory_listings): one query."""
    from django.urls import reverse

    from entraide.selectors.directory_elsewhere import OtherListing

    rows = ExternalListing.objects.select_related("centre").order_by("name", "pk")
    return [
        OtherListing(
            name=row.name, kind_label=row.get_kind_display(), theme_id=row.theme_id, language=row.language,
            region_id=row.region_id, format=row.format, link=row.link,
            contact=row.organisation_contact or row.centre.name,
            contact_url="" if row.organisation_contact else reverse("centre_detail", args=[row.centre_id]),
            words=row.centre.name,
        )
        for row in rows
    ]
