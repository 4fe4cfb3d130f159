"""Forum forms: they carry what members type back to the page untouched when a service refuses it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide import ids
from entraide.forms.fields import HiddenFieldErrors, IdChoiceField, IdField
from moderation.models import REASON_MAX_LENGTH

from .models import (
    OTHER_WARNING_MAX_LENGTH, STORY_BODY_MAX_LENGTH, STORY_TITLE_MAX_LENGTH, ContentWarning, ReactionKind,
    StorySignature, WarningChoice,
)
from .services.moderation import slow_mode_label


BODY_HELP = _("Mise en forme Markdown : **gras**, *italique*, listes, liens, > citation. "
              "Mentionnez quelqu'un avec @pseudonyme. Jusqu'à 20 000 caractères.")


def _body_field(label):
    # No max_length here: the service says how long the text is and what the limit is,
    # and the text comes back in the form whatever its length.
    return forms.CharField(
        label=label, required=False, strip=False, help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class WarningFields(forms.Form):
    content_warnings = forms.MultipleChoiceField(
        label=_("Avertissements de contenu"), required=False, choices=ContentWarning.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Le message s'affiche replié derrière ces avertissements ; chacun·e choisit de l'ouvrir."),
        error_messages={"invalid_choice": _("Cet avertissement n'existe pas : choisissez-en un dans la liste.")},
    )
    other_warning = forms.CharField(
        label=_("Autre thème (en quelques mots)"), required=False, max_length=OTHER_WARNING_MAX_LENGTH,
    )

    def service_arguments(self) -> dict:
        return {
            "body": self.cleaned_data["body"],
            "content_warnings": self.cleaned_data["content_warnings"],
            "other_warning": self.cleaned_data["other_warning"],
        }


class ThreadForm(WarningFields):
    title = forms.CharField(label=_("Titre du sujet"), required=False,
                            help_text=_("Jusqu'à 200 caractères."))
    body = _body_field(_("Votre message"))
    is_anonymous = forms.BooleanField(
        label=_("Publier comme « un membre du groupe »"), required=False,
        help_text=_("Votre pseudonyme n'apparaît pas. Les modérateur·rices peuvent le connaître en cas de besoin, "
                    "et c'est alors inscrit au journal de modération."),
    )
    field_order = ["title", "body", "content_warnings", "other_warning", "is_anonymous"]

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "title": self.cleaned_data["title"],
                "is_anonymous": self.cleaned_data["is_anonymous"]}


class ReplyForm(HiddenFieldErrors, WarningFields):
    body = _body_field(_("Votre réponse"))
    quote_of = IdField(maximum=ids.NUMBER_MAX, required=False, widget=forms.HiddenInput)  # a post's number
    is_anonymous = ThreadForm.base_fields["is_anonymous"]
    field_order = ["body", "content_warnings", "other_warning", "is_anonymous", "quote_of"]

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "is_anonymous": self.cleaned_data["is_anonymous"]}


class EditForm(WarningFields):
    body = _body_field(_("Votre message"))
    field_order = ["body", "content_warnings", "other_warning"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison"), required=False, max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Inscrite au journal de modération, que tous les membres peuvent lire."),
    )


SLOW_MODE_STEPS = (0, 60, 300, 900, 3600, 86400)


def slow_mode_choices():
    # A callable: the labels are translated when the form is shown, in the member's language.
    return [(seconds, slow_mode_label(seconds)) for seconds in SLOW_MODE_STEPS]


class ThreadModerationForm(ReasonForm):
    action = forms.ChoiceField(choices=[(value, value) for value in ("lock", "unlock", "pin", "unpin", "slow_mode")])
    slow_mode_seconds = forms.TypedChoiceField(
        label=_("Mode lent"), required=False, coerce=int, empty_value=0, choices=slow_mode_choices,
    )


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)
    remove = forms.BooleanField(required=False)


class WarningPreferencesForm(forms.Form):
    """One choice per warning, each a group of radio buttons with its legend."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for warning in ContentWarning:
            self.fields[warning.value] = forms.ChoiceField(
                label=warning.label, choices=WarningChoice.choices, widget=forms.RadioSelect,
                initial=current.get(warning.value, WarningChoice.ASK),
                error_messages={"required": _("Choisissez une option pour chaque thème."),
                                "invalid_choice": _("Choisissez une option de la liste.")},
            )


class ForumSettingsForm(forms.Form):
    readable_by_anyone = forms.BooleanField(
        label=_("Forum lisible par tout le monde"), required=False,
        help_text=_("Attention : tout le monde, même sans compte, pourra lire tous les sujets et messages du forum, "
                    "anciens et futurs, et les moteurs de recherche pourront les trouver. Seuls les membres pourront "
                    "toujours y écrire. Un groupe non répertorié ne peut pas ouvrir son forum."),
    )


class WatchForm(forms.Form):
    action = forms.ChoiceField(choices=[("watch", "watch"), ("stop", "stop")])


# --- Stories ----------------------------------------------------------------------------
# Forms of the story pages: what the member typed, checked for shape; the rules are in
# forums.services.stories.

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
