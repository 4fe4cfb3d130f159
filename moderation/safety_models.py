"""Safety: crisis lines shown to members who may need them, and the private mutes and blocks
members set between themselves.

Mutes and blocks are private: nothing shows the muted or blocked member that they are."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["CrisisLine", "MemberBlock", "MemberMute"]


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


class MemberMute(models.Model):
    """`user` no longer sees `muted`'s posts and chat messages."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes")
    muted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "muted"], name="member_mute_once"),
            models.CheckConstraint(condition=~Q(user=F("muted")), name="member_mute_not_self"),
        ]


class MemberBlock(models.Model):
    """`blocked` can no longer write to `user` privately nor mention them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "blocked"], name="member_block_once"),
            models.CheckConstraint(condition=~Q(user=F("blocked")), name="member_block_not_self"),
        ]
        # Asked on every private message and mention: "has the recipient blocked the writer?"
        indexes = [models.Index(fields=["blocked", "user"])]
