from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Region, Theme
from ..services.contact import MESSAGE_MAX_LENGTH


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, theme):
        return f"{theme.name} ({gettext('thème rare')})" if theme.is_rare else theme.name


class ContactWishForm(forms.Form):
    theme = ThemeChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.select_related("sector").order_by("sector__position", "name_fr"),
        to_field_name="code",
        empty_label=_("Choisissez un thème"),
        error_messages={
            "required": _("Choisissez un thème."),
            "invalid_choice": _("Ce thème n'existe pas : choisissez-en un dans la liste."),
        },
    )
    region = forms.ModelChoiceField(
        label=_("Région"),
        queryset=Region.objects.all(),
        to_field_name="code",
        empty_label=_("Choisissez une région"),
        help_text=_("« En ligne, partout » si la distance ne compte pas pour vous."),
        error_messages={
            "required": _("Choisissez une région."),
            "invalid_choice": _("Cette région n'existe pas : choisissez-en une dans la liste."),
        },
    )


class ContactMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        help_text=_("Les autres personnes voient votre pseudonyme, jamais votre adresse e-mail."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
        error_messages={"required": _("Le message est vide : écrivez quelques mots avant d'envoyer.")},
    )

    def clean_body(self):
        # Line breaks arrive as CRLF: count them as the browser does, one character each.
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        if len(body) > MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(
                _("Le message compte %(length)s caractères ; la limite est de %(limit)s. Raccourcissez-le, rien n'est perdu."),
                params={"length": len(body), "limit": MESSAGE_MAX_LENGTH},
            )
        return body
