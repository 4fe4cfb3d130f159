"""The private message form. What members type comes back untouched when a service refuses it."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PrivateMessageForm(forms.Form):
    # No max_length: the service says how long the text is and what the limit is, and the
    # text comes back in the form whatever its length.
    body = forms.CharField(
        label=_("Votre message"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mise en forme Markdown : **gras**, *italique*, listes, liens. Jusqu'à 20 000 caractères. "
                    "Seule la personne à qui vous écrivez le lit."),
    )
