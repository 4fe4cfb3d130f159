"""Every change to centres, their staff, accompaniments and external listings."""

from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError
from entraide.models import Region

from ..permissions import centres as permissions
from ..models import Centre, CentreAccompaniment, CentreRegion, CentreStaff, ExternalListing

CENTRE_FIELDS = ("name", "opening_hours", "phone", "email", "address", "website",
                 "presentation_fr", "presentation_de", "presentation_it", "presentation_en")
LISTING_FIELDS = ("kind", "name", "theme", "language", "region", "format", "link", "organisation_contact")


def check_web_address(url: str) -> None:
    """Only http(s): a javascript: or data: address would run in the visitor's browser."""
    if url and urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        raise DomainError(_("Seules les adresses web commençant par http:// ou https:// sont acceptées."))


def _regions(codes) -> list[Region]:
    codes = list(dict.fromkeys(codes))
    regions = list(Region.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {region.code for region in regions})
    if unknown:
        raise DomainError(_("Cette région n'existe pas : %(codes)s.") % {"codes": ", ".join(unknown)})
    return regions


def _serve(centre: Centre, regions: list[Region]) -> None:
    taken = CentreRegion.objects.filter(region__in=regions).exclude(centre=centre).select_related("region")
    taken = sorted(link.region.name for link in taken)
    if taken:
        raise Conflict(_("Ces régions ont déjà leur centre : %(regions)s.") % {"regions": ", ".join(taken)})
    CentreRegion.objects.filter(centre=centre).exclude(region__in=regions).delete()
    existing = set(CentreRegion.objects.filter(centre=centre).values_list("region_id", flat=True))
    try:
        # Two centres claiming one region at once: the unique region decides, said as a conflict.
        with transaction.atomic():
            CentreRegion.objects.bulk_create(
                [CentreRegion(centre=centre, region=region) for region in regions if region.pk not in existing]
            )
    except IntegrityError:
        raise Conflict(_("Une autre personne vient de rattacher l'une de ces régions à un centre.")) from None


@transaction.atomic
def centre_create(*, actor, name: str, region_codes=(), **details) -> Centre:
    permissions.check_create(actor)
    check_web_address(details.get("website", ""))
    regions = _regions(region_codes)
    centre = Centre.objects.create(name=name, **{k: v for k, v in details.items() if k in CENTRE_FIELDS})
    _serve(centre, regions)
    return centre


@transaction.atomic
def centre_edit(*, actor, centre: Centre, region_codes=None, **details) -> Centre:
    permissions.check_edit(actor, centre)
    check_web_address(details.get("website", ""))
    for name, value in details.items():
        if name in CENTRE_FIELDS:
            setattr(centre, name, value)
    centre.save()
    if region_codes is not None:
        _serve(centre, _regions(region_codes))
    return centre


@transaction.atomic
def centre_staff_link(*, actor, centre: Centre, member) -> CentreStaff:
    permissions.check_link_staff(actor)
    staff, _created = CentreStaff.objects.get_or_create(centre=centre, member=member)
    return staff


@transaction.atomic
def accompaniment_set(*, actor, centre: Centre, group) -> CentreAccompaniment:
    permissions.check_edit(actor, centre)
    current = CentreAccompaniment.objects.filter(group=group).select_related("centre").first()
    if current and current.centre_id != centre.pk:
        raise Conflict(_("Ce groupe est déjà accompagné par %(centre)s.") % {"centre": current.centre.name})
    return current or CentreAccompaniment.objects.create(group=group, centre=centre)


@transaction.atomic
def accompaniment_end(*, actor, centre: Centre, group) -> None:
    permissions.check_edit(actor, centre)
    CentreAccompaniment.objects.filter(group=group, centre=centre).delete()


@transaction.atomic
def listing_create(*, actor, centre: Centre, **facts) -> ExternalListing:
    permissions.check_edit(actor, centre)
    check_web_address(facts.get("link", ""))
    return ExternalListing.objects.create(centre=centre, **{k: v for k, v in facts.items() if k in LISTING_FIELDS})


@transaction.atomic
def listing_edit(*, actor, listing: ExternalListing, **facts) -> ExternalListing:
    permissions.check_edit(actor, listing.centre)
    check_web_address(facts.get("link", ""))
    for name, value in facts.items():
        if name in LISTING_FIELDS:
            setattr(listing, name, value)
    listing.save()
    return listing


@transaction.atomic
def listing_delete(*, actor, listing: ExternalListing) -> None:
    permissions.check_edit(actor, listing.centre)
    listing.delete()
