"""The e-mail choices of the preferences page: one per kind of notification. A refused
choice comes back with its message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailFrequency

CHOOSE = _("Choisissez à quelle fréquence recevoir des e-mails.")


class EmailPreferencesForm(forms.Form):
    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        for key, kind in kinds:
            self.fields[key] = forms.ChoiceField(
                label=kind.label, choices=EmailFrequency.choices, widget=forms.RadioSelect,
                error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
            )
