from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from entraide.models import Group, Region


class Centre(models.Model):
    """A regional self-help centre: the contact behind the groups of the regions it serves."""

    name = models.CharField(_("Nom"), max_length=160)
    opening_hours = models.TextField(_("Heures d'ouverture"), blank=True)
    phone = models.CharField(_("Téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("Adresse e-mail"), blank=True)
    address = models.TextField(_("Adresse"), blank=True)
    website = models.URLField(_("Site web"), blank=True)
    presentation_fr = models.TextField(_("Présentation en français"), blank=True)
    presentation_de = models.TextField(_("Présentation en allemand"), blank=True)
    presentation_it = models.TextField(_("Présentation en italien"), blank=True)
    presentation_en = models.TextField(_("Présentation en anglais"), blank=True)
    regions = models.ManyToManyField(Region, through="CentreRegion", related_name="centres", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("centre régional")

    def __str__(self):
        return self.name

    @property
    def presentation(self) -> str:
        """In the reader's language, else in French, else in the first language written."""
        language = (get_language() or "fr")[:2]
        return (getattr(self, f"presentation_{language}", "") or self.presentation_fr
                or self.presentation_de or self.presentation_it or self.presentation_en)


class CentreRegion(models.Model):
    """A region the centre serves; a region has at most one centre (the unique region)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="served")
    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="centre_link")


class CentreStaff(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="staff")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="centre_staff")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "member"], name="centre_staff_unique")]


class CentreAccompaniment(models.Model):
    """A group the centre accompanies: at most one centre per group."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="centre_accompaniment")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="accompaniments")
    since = models.DateTimeField(auto_now_add=True)
