"""The programme's own forms: its guidelines, an objection, a coordinator term."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from moderation.models import REASON_MAX_LENGTH

from ..models.decisions import GUIDELINES_MAX_LENGTH
from .pairings import LANGUAGE_CHOICES


class GuidelinesForm(forms.Form):
    guidelines_text = forms.CharField(
        label=gettext_lazy("Les lignes directrices telles que vous les proposez"),
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": GUIDELINES_MAX_LENGTH}),
        error_messages={"required": gettext_lazy("Écrivez les lignes directrices telles que vous les proposez.")},
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Pourquoi vous objectez"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX_LENGTH}),
        error_messages={"required": gettext_lazy("Dites en quelques mots pourquoi vous objectez : le programme en a "
                                                 "besoin pour avancer.")},
    )


class TermForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Programme"), choices=LANGUAGE_CHOICES,
                                 error_messages={"invalid_choice": gettext_lazy("Choisissez une langue proposée.")})
    pseudonym = forms.CharField(label=gettext_lazy("Pseudonyme de la personne"), max_length=40)
    starts_on = forms.DateField(label=gettext_lazy("Du"), widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": gettext_lazy("Indiquez une date, par exemple 2026-12-24.")})
    ends_on = forms.DateField(label=gettext_lazy("Au"), widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": gettext_lazy("Indiquez une date, par exemple 2026-12-24.")})

    def clean_pseudonym(self):
        member = get_user_model().objects.filter(pseudonym=self.cleaned_data["pseudonym"].strip(), is_active=True).first()
        if member is None:
            raise forms.ValidationError(gettext_lazy("Aucun membre ne porte ce pseudonyme."))
        return member
