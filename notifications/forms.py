"""The e-mail choices of the preferences page: one per kind of notification. A refused
choice comes back with its message."""

from django import forms

from .models import EmailFrequency
from .services import CHOOSE_A_FREQUENCY


class EmailPreferencesForm(forms.Form):
    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        for key, kind in kinds:
            self.fields[key] = forms.ChoiceField(
                label=kind.label, choices=EmailFrequency.choices, widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_A_FREQUENCY, "invalid_choice": CHOOSE_A_FREQUENCY},
            )
