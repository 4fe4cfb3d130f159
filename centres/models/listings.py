from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.models import GroupFormat, Region, Theme
from entraide.models.groups import GroupLanguageCode

from .centres import Centre


class ListingKind(models.TextChoices):
    GROUP = "group", _("Groupe")
    FORUM = "forum", _("Forum")


class ExternalListing(models.Model):
    """A group not on the platform or another organisation's forum, listed by a centre's staff.
    Public facts only: no member data, and its link leaves the platform."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(_("Type"), max_length=10, choices=ListingKind.choices)
    name = models.CharField(_("Nom"), max_length=160)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("Langue"), max_length=2, choices=GroupLanguageCode.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(_("Format"), max_length=10, choices=GroupFormat.choices)
    link = models.URLField(_("Lien"), max_length=500)
    # Blank: the centre is the contact.
    organisation_contact = models.CharField(_("Contact de l'organisation"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
