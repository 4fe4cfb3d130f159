from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.models import Region, Theme

from ..models import Centre, ExternalListing

SCHEMES = ["http", "https"]
SCHEME_MESSAGE = _("Seules les adresses web commençant par http:// ou https:// sont acceptées.")


class WebAddressField(forms.URLField):
    default_error_messages = {"invalid": SCHEME_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
        for validator in self.validators:
            if hasattr(validator, "schemes"):
                validator.schemes = SCHEMES
                validator.message = SCHEME_MESSAGE


class CentreForm(forms.ModelForm):
    website = WebAddressField(label=_("Site web"), required=False)
    regions = forms.ModelMultipleChoiceField(
        label=_("Régions servies"), queryset=Region.objects.all(), to_field_name="code", required=False,
        error_messages={"invalid_choice": _("Cette région n'existe pas : %(value)s.")},
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Centre
        fields = ["name", "opening_hours", "phone", "email", "address", "website",
                  "presentation_fr", "presentation_de", "presentation_it", "presentation_en"]


class ListingForm(forms.ModelForm):
    link = WebAddressField(label=_("Lien"), max_length=500)
    theme = forms.ModelChoiceField(label=_("Thème"), queryset=Theme.objects.all(), to_field_name="code",
                                   error_messages={"invalid_choice": _("Ce thème n'existe pas.")})
    region = forms.ModelChoiceField(label=_("Région"), queryset=Region.objects.all(), to_field_name="code",
                                    error_messages={"invalid_choice": _("Cette région n'existe pas.")})

    class Meta:
        model = ExternalListing
        fields = ["kind", "name", "theme", "language", "region", "format", "link", "organisation_contact"]


class CentreCreateForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=160)
    regions = forms.ModelMultipleChoiceField(
        label=_("Régions servies"), queryset=Region.objects.all(), to_field_name="code", required=False,
        error_messages={"invalid_choice": _("Cette région n'existe pas : %(value)s.")},
        widget=forms.CheckboxSelectMultiple,
    )


class StaffLinkForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail du compte à rattacher"))
