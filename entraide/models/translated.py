from django.db import models
from django.utils.translation import get_language


class TranslatedName(models.Model):
    """A name given in the four languages of the platform, French first."""

    name_fr = models.CharField("nom (français)", max_length=120)
    name_de = models.CharField("Name (Deutsch)", max_length=120)
    name_it = models.CharField("nome (italiano)", max_length=120)
    name_en = models.CharField("name (English)", max_length=120)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        language = (get_language() or "fr")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fr

    def all_names(self) -> list[str]:
        return [self.name_fr, self.name_de, self.name_it, self.name_en]

    def __str__(self) -> str:
        return self.name
