from allauth.account.forms import SignupForm as AllauthSignupForm
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    """Sign-up asks an e-mail, a pseudonym and a password: never a real name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = _("Pseudonyme")
        field.help_text = _("Le nom sous lequel les autres membres vous connaîtront. Pas votre vrai nom.")
        field.widget.attrs.update({"placeholder": "", "autocomplete": "nickname"})
