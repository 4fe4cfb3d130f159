"""Forms of the story pages: what the member typed, checked for shape; the rules are in
forums.services.stories."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.forms.fields import HiddenFieldErrors, IdChoiceField, IdField
from moderation.models import REASON_MAX_LENGTH

from .models import STORY_BODY_MAX_LENGTH, STORY_TITLE_MAX_LENGTH, StorySignature

CONSENT_LABEL = _("J'accepte que ce texte soit publié sur la page publique, sous mon pseudonyme ou anonymement")


class StoryOfferForm(HiddenFieldErrors, forms.Form):
    group = IdChoiceField(
        queryset=None, label=_("Groupe dont les modérateur·rices relisent le texte"),
        error_messages={"required": _("Choisissez un de vos groupes."),
                        "invalid_choice": _("Choisissez un des groupes dont vous êtes membre.")},
    )
    title = forms.CharField(label=_("Titre"), max_length=STORY_TITLE_MAX_LENGTH,
                            error_messages={"required": _("Donnez un titre à votre témoignage.")})
    body = forms.CharField(
        label=_("Votre témoignage"), widget=forms.Textarea(attrs={"rows": 12}), max_length=STORY_BODY_MAX_LENGTH,
        help_text=_("Parlez en « je ». Ne nommez personne d'autre que vous. Mise en forme Markdown possible."),
        error_messages={"required": _("Votre témoignage est vide : écrivez quelques mots avant d'envoyer.")},
    )
    signature = forms.ChoiceField(
        label=_("Publier"), choices=StorySignature.choices, widget=forms.RadioSelect, initial=StorySignature.PSEUDONYM,
        error_messages={"required": _("Choisissez : sous votre pseudonyme, ou anonymement."),
                        "invalid_choice": _("Choisissez : sous votre pseudonyme, ou anonymement.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL, required=True,
        error_messages={"required": _("Votre accord explicite est nécessaire : cochez la case pour proposer ce texte.")},
    )
    post = IdField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class StoryDecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Publier")), ("decline", _("Ne pas retenir"))])
    reason = forms.CharField(label=_("Raison (obligatoire pour ne pas retenir ; l'auteur·e la lira)"), required=False,
                             max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))
