"""The chat's form for sending without JavaScript: what the member typed comes back untouched
when the service refuses it, with the same hidden client_id, so that posting the form again
(after a timeout, a double click) stores the message once."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from entraide.forms.fields import HiddenFieldErrors

from .models import BODY_MAX_LENGTH, CLIENT_ID_MAX_LENGTH


def new_client_id() -> str:
    """22 characters of [A-Za-z0-9_-], as the browser client makes them."""
    return secrets.token_urlsafe(16)


class MessageForm(HiddenFieldErrors, forms.Form):
    # No max_length on the field: the service says how long the text is and what the limit
    # is, and the text comes back in the form whatever its length. The browser holds to the
    # limit through the textarea's maxlength.
    body = forms.CharField(
        label=_("Votre message"), required=False, strip=False,
        help_text=_("Jusqu'à 4 000 caractères. Mise en forme Markdown ; mentionnez quelqu'un avec @pseudonyme."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": BODY_MAX_LENGTH}),
    )
    client_id = forms.RegexField(
        regex=r"\A[A-Za-z0-9_-]+\Z", max_length=CLIENT_ID_MAX_LENGTH, widget=forms.HiddenInput,
        error_messages={
            "required": _("Ce formulaire a expiré : renvoyez votre message."),
            "invalid": _("Ce formulaire a expiré : renvoyez votre message."),
            "max_length": _("Ce formulaire a expiré : renvoyez votre message."),
        },
    )

    def client_id_to_keep(self) -> str:
        """The client_id the re-shown form carries: the one posted when it is well formed (the
        message was not stored, or was, and sending it again stores nothing new), else a new one."""
        if not self.is_bound:
            return new_client_id()
        return self.cleaned_data.get("client_id") or new_client_id()


# Slow mode as moderators choose it; the service takes any delay up to an hour.
SLOW_MODE_CHOICES = [
    (0, _("Désactivé")),
    (10, _("10 secondes")),
    (30, _("30 secondes")),
    (60, _("1 minute")),
    (300, _("5 minutes")),
]
SLOW_MODE_INVALID = _("Choisissez un délai dans la liste.")


class SlowModeForm(forms.Form):
    seconds = forms.TypedChoiceField(
        label=_("Mode lent"), coerce=int, choices=SLOW_MODE_CHOICES,
        help_text=_("Le délai entre deux messages d'un même membre ; les modérateur·rices n'y sont pas tenu·es."),
        error_messages={"required": SLOW_MODE_INVALID, "invalid_choice": SLOW_MODE_INVALID},
    )

    def __init__(self, *args, current: int = 0, **kwargs):
        super().__init__(*args, initial={"seconds": current}, **kwargs)
        # A delay set otherwise than from this list is still shown as it is.
        if current not in dict(SLOW_MODE_CHOICES):
            label = ngettext("%(count)s seconde", "%(count)s secondes", current) % {"count": current}
            self.fields["seconds"].choices = [*SLOW_MODE_CHOICES, (current, label)]


class PresenceForm(forms.Form):
    """Whether the member hides their presence: "1" hides it, "0" shows it again."""

    hidden = forms.TypedChoiceField(
        coerce=lambda value: value == "1", choices=[("1", "1"), ("0", "0")], widget=forms.HiddenInput,
        error_messages={"required": _("Ce formulaire a expiré : rechargez la page et choisissez à nouveau."),
                        "invalid_choice": _("Ce formulaire a expiré : rechargez la page et choisissez à nouveau.")},
    )
