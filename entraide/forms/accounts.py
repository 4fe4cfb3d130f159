from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..services.accounts import PSEUDONYM_MAX_LENGTH, PSEUDONYM_MIN_LENGTH, pseudonym_problem
from ..time_zones import UNKNOWN_TIME_ZONE, time_zone_names

PSEUDONYM_HELP = _("Le nom sous lequel les autres membres vous connaîtront. Pas votre vrai nom.")


class SignupForm(AllauthSignupForm):
    """Sign-up asks an e-mail, a pseudonym and a password: never a real name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = _("Pseudonyme")
        field.help_text = PSEUDONYM_HELP
        field.widget.attrs.update({"placeholder": "", "autocomplete": "nickname"})

    def clean_username(self):
        # The platform's rules first, so that a taken or reserved pseudonym gets our message.
        problem = pseudonym_problem(self.cleaned_data["username"])
        if problem:
            raise forms.ValidationError(problem)
        return super().clean_username()


class ProfileForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonyme"),
        min_length=PSEUDONYM_MIN_LENGTH,
        max_length=PSEUDONYM_MAX_LENGTH,
        help_text=PSEUDONYM_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Langue préférée"),
        choices=settings.LANGUAGES,
        help_text=_("Le site vous parle dans cette langue dès que vous êtes connecté·e."),
    )
    # Not required: a form that does not send it leaves the zone as it is.
    time_zone = forms.ChoiceField(
        label=_("Fuseau horaire"),
        required=False,
        choices=lambda: [(name, name) for name in time_zone_names()],
        help_text=_("Les heures des rencontres et des messages vous sont montrées à l'heure de ce fuseau."),
        error_messages={"invalid_choice": UNKNOWN_TIME_ZONE},
    )

    def __init__(self, *args, member, **kwargs):
        self.member = member
        kwargs.setdefault(
            "initial",
            {"pseudonym": member.pseudonym, "preferred_language": member.preferred_language or settings.LANGUAGE_CODE,
             "time_zone": member.time_zone},
        )
        super().__init__(*args, **kwargs)

    def clean_pseudonym(self):
        pseudonym = self.cleaned_data["pseudonym"]
        problem = pseudonym_problem(pseudonym, member=self.member)
        if problem:
            raise forms.ValidationError(problem)
        return pseudonym


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe actuel"),
        strip=False,
        help_text=_("Pour vérifier que c'est bien vous."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, member, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password
