from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.forms.fields import IdField

from .models import CHARTER_MAX_LENGTH, REASON_MAX_LENGTH, RoleKind


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=RoleKind.choices, error_messages={"invalid_choice": _("Ce rôle n'existe pas."),
                                                                       "required": _("Choisissez un rôle.")})


class HandOnForm(RoleForm):
    to_member = IdField(
        label=_("À qui le transmettre ?"),
        error_messages={"required": _("Choisissez un membre du groupe."),
                        "invalid": _("Choisissez un membre du groupe.")},
    )


class FunctionsForm(forms.Form):
    logistics = forms.BooleanField(label=RoleKind.LOGISTICS.label, required=False)
    speakers = forms.BooleanField(label=RoleKind.SPEAKERS.label, required=False)


class CharterProposalForm(forms.Form):
    charter_text = forms.CharField(
        label=_("La charte telle que vous la proposez"), max_length=CHARTER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Le groupe a 48 heures pour la lire ; sans objection, elle remplace la charte actuelle. "
                    "Mise en forme Markdown possible."),
        error_messages={"required": _("Écrivez la charte telle que vous la proposez.")},
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi vous objectez"), max_length=REASON_MAX_LENGTH, strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites en quelques mots pourquoi vous objectez : le groupe en a besoin pour avancer.")},
    )
