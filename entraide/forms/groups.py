from django import forms
from django.utils.translation import gettext_lazy as _

from .. import ids
from ..models import Audience, GroupFormat, GroupKind, JoinPolicy, Region, Rhythm, Theme, Visibility
from ..models.groups import GroupLanguageCode
from ..services.groups import CHARTER_TO_ACCEPT, LANGUAGES_NEEDED, NAME_NEEDED, THEMES_NEEDED
from .fields import HiddenFieldErrors, IdField


class GroupForm(forms.Form):
    """What a member fills in to start or edit a group. The themes are rendered by sector
    in the template; everything else uses Django's accessible field groups."""

    name = forms.CharField(label=_("Nom du groupe"), max_length=120)
    slug = forms.SlugField(
        label=_("Adresse du groupe"),
        max_length=80,
        required=False,
        help_text=_("La fin de l'adresse de la page, par exemple « deuil-lausanne ». Laissez vide pour la tirer du nom."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Qui le groupe accueille, comment il se réunit. Mise en forme Markdown possible."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"), queryset=Theme.objects.all(), to_field_name="code",
        error_messages={"required": THEMES_NEEDED,
                        "invalid_choice": _("Thème inconnu : %(value)s.")},
    )
    kind = forms.ChoiceField(label=_("Type de groupe"), choices=GroupKind.choices, initial=GroupKind.SELF_MANAGED,
                             widget=forms.RadioSelect)
    audience = forms.ChoiceField(label=_("Pour qui ?"), choices=Audience.choices, initial=Audience.CONCERNED,
                                 widget=forms.RadioSelect)
    languages = forms.MultipleChoiceField(
        label=_("Langues du groupe"), choices=GroupLanguageCode.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": LANGUAGES_NEEDED},
    )
    format = forms.ChoiceField(label=_("Format"), choices=GroupFormat.choices, initial=GroupFormat.ONLINE,
                               widget=forms.RadioSelect)
    region = forms.ModelChoiceField(label=_("Région"), queryset=Region.objects.all(), to_field_name="code",
                                    empty_label=None)
    rhythm = forms.ChoiceField(label=_("Rythme des rencontres"), choices=Rhythm.choices, initial=Rhythm.MONTHLY)
    rhythm_note = forms.CharField(
        label=_("Précision sur le rythme"), max_length=200, required=False,
        help_text=_("Par exemple : le premier mardi du mois, à 19 h."),
    )
    visibility = forms.ChoiceField(label=_("Visibilité"), choices=Visibility.choices, initial=Visibility.LISTED,
                                   widget=forms.RadioSelect)
    join_policy = forms.ChoiceField(label=_("Comment rejoindre le groupe"), choices=JoinPolicy.choices,
                                    initial=JoinPolicy.OPEN, widget=forms.RadioSelect)
    charter = forms.CharField(
        label=_("Charte du groupe"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Les accords du groupe, que chaque membre accepte en le rejoignant."),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(NAME_NEEDED)
        return name

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # Once the group exists its charter changes only by consent (a proposal).
            del self.fields["charter"]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["themes"] = list(data["themes"])
        return data


class JoinForm(HiddenFieldErrors, forms.Form):
    accept_charter = forms.BooleanField(
        label=_("J'accepte la charte du groupe"),
        error_messages={"required": CHARTER_TO_ACCEPT},
    )
    charter_version = IdField(maximum=ids.NUMBER_MAX, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Quelques mots pour le groupe (facultatif)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accepter")), ("decline", _("Décliner"))])
