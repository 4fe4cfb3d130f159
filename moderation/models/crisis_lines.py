"""Crisis lines: the helplines and emergency numbers shown to members who may need them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CrisisLine(models.Model):
    """A helpline or emergency number of one country, for members reading in one language
    (blank: every language). Staff keep the list in the admin."""

    country = models.CharField(
        _("pays (code ISO à deux lettres)"), max_length=2, help_text=_("Par exemple CH, FR, BE, CA.")
    )
    language = models.CharField(
        _("langue"), max_length=8, blank=True, default="",
        help_text=_("Pour les membres qui lisent dans cette langue (fr, de, it, en) ; vide : pour toutes les langues."),
    )
    name = models.CharField(_("nom"), max_length=120)
    phone = models.CharField(_("numéro"), max_length=30)
    text = models.CharField(_("horaires et description"), max_length=300, blank=True, default="")
    url = models.URLField(_("site"), blank=True, default="")
    position = models.PositiveSmallIntegerField(_("ordre"), default=100)
    is_emergency = models.BooleanField(_("numéro d'urgence"), default=False)

    class Meta:
        ordering = ["country", "position", "pk"]
        verbose_name = _("ligne d'aide")
        verbose_name_plural = _("lignes d'aide")
        constraints = [
            models.CheckConstraint(condition=Q(country__regex=r"^[A-Z]{2}$"), name="crisis_line_country_code"),
            models.CheckConstraint(condition=~Q(phone=""), name="crisis_line_has_phone"),
        ]
        indexes = [models.Index(fields=["country", "language", "position"])]

    def __str__(self) -> str:
        return f"{self.country} · {self.phone} · {self.name}"

    @property
    def tel(self) -> str:
        """The number for a tel: link: digits and a leading +, without spaces."""
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
