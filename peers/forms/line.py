"""The listening line's forms: a guest's pseudonym, a duty slot in the supporter's own time
zone, a hand-over note, a message sent without JavaScript. The rules are the services' to say."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from .pairings import LANGUAGE_CHOICES
from ..models.line import LINE_BODY_MAX_LENGTH, NOTE_BODY_MAX_LENGTH

DUTY_MINUTES = (60, 90, 120, 180, 240)


class GuestForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonyme"), max_length=150,
        help_text=_("Un nom de votre choix, pour cette conversation seulement. Ni e-mail ni mot de passe : "
                    "l'accès invité·e se ferme avec la conversation."),
        error_messages={"required": _("Choisissez un pseudonyme."),
                        "max_length": _("Un pseudonyme compte %(limit_value)d caractères au plus.")},
    )


class DutySlotForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Langue"), choices=LANGUAGE_CHOICES,
        error_messages={"required": _("Choisissez une langue."),
                        "invalid_choice": _("Choisissez une langue proposée.")},
    )
    starts_at = forms.DateTimeField(
        label=_("Début"), input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("À l'heure de votre fuseau horaire, celui de votre profil."),
        error_messages={"required": _("Indiquez quand la permanence commence."),
                        "invalid": _("Indiquez une date et une heure, par exemple 2026-12-24T19:00.")},
    )
    minutes = forms.TypedChoiceField(
        label=_("Durée"), coerce=int, initial=120,
        choices=[(minutes, _("%(hours)s h %(minutes)02d") % {"hours": minutes // 60, "minutes": minutes % 60})
                 for minutes in DUTY_MINUTES],
        error_messages={"invalid_choice": _("Choisissez une durée proposée.")},
    )

    def __init__(self, *args, time_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def service_arguments(self) -> dict:
        # The wall clock of the supporter's own zone; whether it is to come is the service's rule.
        starts_at = self.cleaned_data["starts_at"].replace(tzinfo=None).replace(tzinfo=ZoneInfo(self.time_zone))
        return {"language": self.cleaned_data["language"], "starts_at": starts_at,
                "ends_at": starts_at + timedelta(minutes=self.cleaned_data["minutes"])}


class HandoverNoteForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Langue de la permanence"), choices=LANGUAGE_CHOICES,
        error_messages={"required": _("Choisissez une langue."),
                        "invalid_choice": _("Choisissez une langue proposée.")},
    )
    body = forms.CharField(
        label=_("Note pour la relève"), required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_BODY_MAX_LENGTH}),
        help_text=_("Ce qui aide la personne suivante : l'ambiance, ce qui revient. Aucune donnée personnelle, "
                    "ni nom, ni e-mail, ni numéro."),
    )

    def __init__(self, *args, **kwargs):
        # The duty page also shows the slot form, with a language of its own: ids apart.
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)

    def clean_body(self):
        # Line breaks arrive as CRLF: count them as the browser does.
        return self.cleaned_data["body"].replace("\r\n", "\n").strip()


class LineMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": LINE_BODY_MAX_LENGTH}),
    )
    client_id = forms.CharField(required=False, widget=forms.HiddenInput)
