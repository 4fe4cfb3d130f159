"""Meeting forms: they carry what members typed back to the page when a service refuses it.

The rules (durations, zones, the daylight-saving gap, capacity) are the services' to say; the
forms only turn the fields into values, a 30 February being no date at all."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import (
    DEFAULT_TIME_ZONE,
    REASON_MAX_LENGTH,
    MeetingFormat,
    MeetingKind,
    MeetingRoleKind,
    Recurrence,
    RsvpAnswer,
)
from .models.series import DESCRIPTION_MAX_LENGTH
from .recurrence import exists_locally, localise

WEEKDAY_CHOICES = [
    (0, _("lundi")), (1, _("mardi")), (2, _("mercredi")), (3, _("jeudi")), (4, _("vendredi")), (5, _("samedi")),
    (6, _("dimanche")),
]
WEEK_OF_MONTH_CHOICES = [
    ("", _("—")), (1, _("le premier")), (2, _("le deuxième")), (3, _("le troisième")), (4, _("le quatrième")),
    (-1, _("le dernier")),
]
NOT_A_DATE = _("Cette date n'existe pas : vérifiez le jour et le mois (AAAA-MM-JJ).")
NOT_A_TIME = _("Indiquez une heure au format HH:MM, par exemple 19:00.")
NOT_A_NUMBER = _("Indiquez un nombre entier.")
MOVE_IN_GAP = _("Cette heure n'existe pas ce jour-là : les horloges sont avancées d'une heure cette nuit-là.")


def _date_field(label, *, required=True):
    # A date input's value is ISO whatever the language (HTML's rule), never the localised format.
    return forms.DateField(label=label, required=required,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"invalid": NOT_A_DATE})


def _time_field(label):
    return forms.TimeField(label=label, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                           error_messages={"invalid": NOT_A_TIME})


class SeriesForm(forms.Form):
    title = forms.CharField(label=_("Titre"), required=False)
    description = forms.CharField(label=_("Description"), required=False, max_length=DESCRIPTION_MAX_LENGTH,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    kind = forms.ChoiceField(label=_("Type de rencontre"), choices=MeetingKind.choices, initial=MeetingKind.SHARING)
    recurrence = forms.ChoiceField(label=_("Rythme"), choices=Recurrence.choices, initial=Recurrence.WEEKLY)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Jours de la semaine"), required=False, choices=WEEKDAY_CHOICES, coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Une rencontre mensuelle a lieu le premier jour coché."),
    )
    week_of_month = forms.TypedChoiceField(
        label=_("Semaine du mois (rencontres mensuelles)"), required=False, choices=WEEK_OF_MONTH_CHOICES,
        coerce=int, empty_value=None,
    )
    starts_on = _date_field(_("Première date"))
    ends_on = _date_field(_("Dernière date (facultatif)"), required=False)
    start_time = _time_field(_("Heure de début (heure locale)"))
    duration_minutes = forms.IntegerField(label=_("Durée en minutes"), initial=90,
                                          error_messages={"invalid": NOT_A_NUMBER},
                                          help_text=_("Entre 1 minute et 12 heures."))
    time_zone = forms.CharField(label=_("Fuseau horaire"), initial=DEFAULT_TIME_ZONE, max_length=64,
                                help_text=_("Un nom IANA, par exemple Europe/Zurich ou Europe/Paris."))
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices, initial=MeetingFormat.ONLINE)
    place = forms.CharField(label=_("Lieu (présentiel ou hybride)"), required=False, max_length=500,
                            help_text=_("Montré aux membres du groupe seulement, sauf si vous le publiez."))
    place_is_public = forms.BooleanField(label=_("Publier le lieu"), required=False)
    capacity = forms.IntegerField(label=_("Nombre de places (facultatif)"), required=False,
                                  error_messages={"invalid": NOT_A_NUMBER},
                                  help_text=_("Au-delà, les personnes qui viennent sont en liste d'attente."))
    language = forms.ChoiceField(label=_("Langue"), choices=settings.LANGUAGES, initial="fr")
    newcomers_welcome = forms.BooleanField(label=_("Nouvelles personnes bienvenues"), required=False, initial=True)

    @classmethod
    def for_series(cls, series, data=None):
        initial = {name: getattr(series, name) for name in cls.base_fields}
        return cls(data, initial=initial)

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Raison (les personnes inscrites la liront)"), required=False,
                         max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}), **kwargs)


class CancelForm(forms.Form):
    reason = ReasonField()

    def __init__(self, *args, **kwargs):
        # On the page beside the move form, whose reason field has the plain id.
        kwargs.setdefault("auto_id", "id_cancel_%s")
        super().__init__(*args, **kwargs)


class MoveForm(forms.Form):
    """A new local date and time, in the series' zone."""

    date = _date_field(_("Nouvelle date"))
    time = _time_field(_("Nouvelle heure de début (heure locale)"))
    reason = ReasonField()

    def __init__(self, *args, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            local = datetime.combine(data["date"], data["time"])
            if not exists_locally(local, self.zone):
                raise forms.ValidationError(MOVE_IN_GAP)
            data["starts_at"] = localise(local, self.zone)
        return data


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(choices=RsvpAnswer.choices)


class MeetingRoleForm(forms.Form):
    role = forms.ChoiceField(choices=MeetingRoleKind.choices)
    action = forms.ChoiceField(choices=[("take", "take"), ("leave", "leave")])


class WelcomeForm(forms.Form):
    """The welcome contact's few words to one newcomer; the rules on them are the service's."""

    # Bounded so that no number a database cannot store reaches a query.
    member = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    body = forms.CharField(required=False, strip=False)
