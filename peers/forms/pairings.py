"""The programme's forms: they turn fields into values and carry what was typed back to the page
when a service refuses it; the rules are the services' to say."""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.forms.contact import ThemeChoiceField
from entraide.models import Theme

from ..models import MAX_PAIRINGS_AT_ONCE, WORDS_MAX_LENGTH, Format

WEEKDAYS = [_("lundi"), _("mardi"), _("mercredi"), _("jeudi"), _("vendredi"), _("samedi"), _("dimanche")]
NOT_A_TIME = _("Indiquez une heure au format HH:MM, par exemple 19:00.")
# Each language in its own name, as the language switch shows them.
LANGUAGE_CHOICES = settings.LANGUAGES


def _normalised(text: str) -> str:
    # Line breaks arrive as CRLF: count them as the browser does, one character each.
    return text.replace("\r\n", "\n").strip()


class PairingRequestForm(forms.Form):
    theme = ThemeChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.select_related("sector").order_by("sector__position", "name_fr"),
        to_field_name="code", empty_label=_("Choisissez un thème"),
        error_messages={"required": _("Choisissez un thème."),
                        "invalid_choice": _("Ce thème n'existe pas : choisissez-en un dans la liste.")},
    )
    language = forms.ChoiceField(
        label=_("Langue"), choices=LANGUAGE_CHOICES,
        error_messages={"required": _("Choisissez une langue."),
                        "invalid_choice": _("Choisissez une langue proposée.")},
    )
    format = forms.ChoiceField(
        label=_("Comment échanger"), choices=Format.choices, initial=Format.WRITTEN, widget=forms.RadioSelect,
        help_text=_("Le téléphone s'organise entre vous deux, en dehors de la plateforme."),
        error_messages={"required": _("Choisissez une manière d'échanger."),
                        "invalid_choice": _("Choisissez une manière d'échanger proposée.")},
    )
    words = forms.CharField(
        label=_("Quelques mots"), required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": WORDS_MAX_LENGTH}),
        help_text=_("Ce que vous aimeriez partager. Seul·e la ou le pair aidant·e à qui la demande est proposée "
                    "les lit ; votre pseudonyme n'est montré qu'une fois que vous avez tous deux accepté."),
    )
    preferred_at = forms.DateTimeField(
        label=_("Un moment qui vous conviendrait (facultatif)"), required=False,
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("À l'heure de votre fuseau horaire, celui de votre profil."),
        error_messages={"invalid": _("Indiquez une date et une heure, par exemple 2026-12-24T19:00.")},
    )

    def __init__(self, *args, time_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def clean_words(self):
        words = _normalised(self.cleaned_data["words"])
        if len(words) > WORDS_MAX_LENGTH:
            raise forms.ValidationError(
                _("Votre texte compte %(length)s caractères ; la limite est de %(limit)s. Raccourcissez-le, rien n'est perdu."),
                params={"length": len(words), "limit": WORDS_MAX_LENGTH},
            )
        return words

    def clean_preferred_at(self):
        chosen = self.cleaned_data["preferred_at"]
        if chosen is None:
            return None
        # The field reads the wall clock of the member's own zone, not the server's.
        instant = chosen.replace(tzinfo=None).replace(tzinfo=ZoneInfo(self.time_zone))
        if instant <= timezone.now():
            raise forms.ValidationError(_("Ce moment est déjà passé : choisissez-en un à venir."))
        return instant


class SupporterForm(forms.Form):
    """Volunteering: themes (rendered by sector in the template), languages, formats, a load
    limit, and one optional stretch of time per weekday in the member's own zone."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"), queryset=Theme.objects.all(), to_field_name="code",
        error_messages={"required": _("Choisissez au moins un thème."),
                        "invalid_choice": _("Thème inconnu : %(value)s.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Langues dans lesquelles vous écoutez"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une langue proposée."),
                        "invalid_choice": _("Choisissez au moins une langue proposée.")},
    )
    formats = forms.MultipleChoiceField(
        label=_("Manières d'échanger"), choices=Format.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une manière d'échanger proposée."),
                        "invalid_choice": _("Choisissez au moins une manière d'échanger proposée.")},
    )
    max_pairings = forms.TypedChoiceField(
        label=_("Jumelages à la fois, au plus"), coerce=int, initial=1,
        choices=[(number, str(number)) for number in range(1, MAX_PAIRINGS_AT_ONCE + 1)],
        help_text=_("Le soutien par les pairs se donne à côté de sa propre vie : choisissez ce qui reste léger."),
        error_messages={"invalid_choice": _("Entre 1 et %(max)s jumelages à la fois.") % {"max": MAX_PAIRINGS_AT_ONCE}},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day in range(7):
            for end in ("start", "end"):
                self.fields[f"slot_{day}_{end}"] = forms.TimeField(
                    label=_("De") if end == "start" else _("à"), required=False, input_formats=["%H:%M"],
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    error_messages={"invalid": NOT_A_TIME},
                )

    def days(self):
        """Each weekday with its two fields, for the template."""
        return [(WEEKDAYS[day], self[f"slot_{day}_start"], self[f"slot_{day}_end"]) for day in range(7)]

    def clean(self):
        data = super().clean()
        slots = []
        for day in range(7):
            start, end = data.get(f"slot_{day}_start"), data.get(f"slot_{day}_end")
            if start is None and end is None:
                continue
            if start is None or end is None or end <= start:
                self.add_error(f"slot_{day}_end",
                               _("Indiquez un début et une fin, la fin après le début, le même jour."))
                continue
            slots.append((day, start, end))
        if not slots and not self.errors:
            raise forms.ValidationError(_("Indiquez au moins un moment de la semaine où vous êtes disponible."))
        data["slots"] = slots
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"themes": list(data["themes"]), "languages": data["languages"], "formats": data["formats"],
                "slots": data["slots"], "max_pairings": data["max_pairings"]}


class EndPairingForm(forms.Form):
    feedback = forms.CharField(
        label=_("Un mot pour la coordination (facultatif)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=_("Seule la coordination du programme le lit, jamais l'autre personne. Aucune raison n'est demandée."),
    )

    def clean_feedback(self):
        feedback = _normalised(self.cleaned_data["feedback"])
        if len(feedback) > 2000:
            raise forms.ValidationError(_("Ce mot compte %(length)s caractères ; la limite est de %(limit)s."),
                                        params={"length": len(feedback), "limit": 2000})
        return feedback


class CallForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Quand"), input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("À l'heure de votre fuseau horaire, celui de votre profil."),
        error_messages={"required": _("Indiquez quand l'appel a lieu."),
                        "invalid": _("Indiquez une date et une heure, par exemple 2026-12-24T19:00.")},
    )
    minutes = forms.TypedChoiceField(
        label=_("Durée"), coerce=int, initial=60,
        choices=[(minutes, _("%(minutes)s minutes") % {"minutes": minutes}) for minutes in (30, 45, 60, 90)],
        error_messages={"invalid_choice": _("Choisissez une durée proposée.")},
    )

    def __init__(self, *args, time_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def clean_starts_at(self):
        # The wall clock of the member's own zone; whether it is to come is the service's rule.
        return self.cleaned_data["starts_at"].replace(tzinfo=None).replace(tzinfo=ZoneInfo(self.time_zone))
