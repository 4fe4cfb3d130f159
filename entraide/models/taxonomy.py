from django.db import models

from .translated import TranslatedName


class Sector(TranslatedName):
    """One of the six sectors of help (seed 002)."""

    code = models.SlugField(max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "secteur"


class Theme(TranslatedName):
    code = models.SlugField(max_length=60, unique=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="themes")
    is_rare = models.BooleanField("thème rare", default=False)

    class Meta:
        ordering = ["sector__position", "name_fr"]
        verbose_name = "thème"


class Region(TranslatedName):
    """Swiss cantons plus 'online, anywhere'; staff may add more in the admin."""

    code = models.SlugField(max_length=20, unique=True)
    is_online = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name_fr"]
        verbose_name = "région"
