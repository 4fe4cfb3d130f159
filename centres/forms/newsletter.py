from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import EMAIL_MAX_LENGTH


class NewsletterSubscribeForm(forms.Form):
    # The service checks the address itself; the form only keeps overlong input out of it.
    email = forms.CharField(
        label=_("Votre adresse e-mail"), max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Indiquez votre adresse e-mail."),
                        "max_length": _("Cette adresse est trop longue (%(limit_value)d caractères au plus).")},
    )
    language = forms.ChoiceField(
        label=_("Langue de la lettre"), choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("Choisissez une des langues proposées.")},
    )
