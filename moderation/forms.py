from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.forms.fields import IdField

from .models import (
    CHARTER_MAX_LENGTH,
    MUTE_DAYS,
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    REPORTABLE_CATEGORIES,
    DecisionAction,
    RoleKind,
)


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


class CloseGroupProposalForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi le groupe s'arrêterait"), max_length=REASON_MAX_LENGTH, strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Le groupe a 48 heures pour lire votre raison ; sans objection, il s'arrête : il quitte "
                    "l'annuaire, ses rencontres à venir sont annulées, et ses membres gardent son histoire à lire."),
        error_messages={"required": _("Dites en quelques mots pourquoi le groupe s'arrêterait : les membres le "
                                      "liront avant de consentir ou d'objecter."),
                        "max_length": _("La raison est trop longue.")},
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi vous objectez"), max_length=REASON_MAX_LENGTH, strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites en quelques mots pourquoi vous objectez : le groupe en a besoin pour avancer.")},
    )


REASON_ERRORS = {"required": _("Chaque décision a besoin d'une raison : écrivez-la en quelques mots."),
                 "max_length": _("La raison est trop longue.")}


def _reason_field(label, help_text=""):
    return forms.CharField(label=label, max_length=REASON_MAX_LENGTH, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": 3}), error_messages=REASON_ERRORS)


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Qu'est-ce qui vous inquiète ?"), choices=REPORTABLE_CATEGORIES, widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez ce qui vous inquiète dans la liste."),
                        "invalid_choice": _("Choisissez ce qui vous inquiète dans la liste.")},
    )
    note = forms.CharField(
        label=_("Une précision pour les modérateur·rices (facultatif)"), required=False, max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seul·es les modérateur·rices du groupe la lisent. La personne signalée ne saura jamais qui a "
                    "signalé."),
        error_messages={"max_length": _("La note est trop longue.")},
    )


class WorryForm(forms.Form):
    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH,
                           error_messages={"max_length": _("La note est trop longue.")})


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Décision"), choices=DecisionAction.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une décision dans la liste."),
                        "invalid_choice": _("Choisissez une décision dans la liste.")},
    )
    mute_days = forms.TypedChoiceField(
        label=_("Durée de la mise en sourdine"), required=False, coerce=int, empty_value=None,
        choices=[("", _("—"))] + [(str(days), _("%(days)s jour(s)") % {"days": days}) for days in MUTE_DAYS],
        error_messages={"invalid_choice": _("Choisissez la durée de la mise en sourdine : 1, 3 ou 7 jours.")},
    )
    reason = _reason_field(_("Raison"), _("Visible dans le journal du groupe, sauf pour un avertissement privé."))


class ReasonForm(forms.Form):
    reason = _reason_field(_("Raison"))


class RemovalProposalForm(ReasonForm):
    member = IdField(error_messages={"required": _("Choisissez un membre du groupe."),
                                     "invalid": _("Choisissez un membre du groupe.")})


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi demandez-vous de revoir cette décision ?"), max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites en quelques mots pourquoi vous demandez de revoir cette décision."),
                        "max_length": _("La raison est trop longue.")},
    )


class SettleForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Votre réponse"), widget=forms.RadioSelect,
        choices=[("uphold", _("Accepter le recours : annuler la décision")),
                 ("reject", _("Rejeter le recours : maintenir la décision"))],
        error_messages={"required": _("Choisissez d'accepter ou de rejeter le recours."),
                        "invalid_choice": _("Choisissez d'accepter ou de rejeter le recours.")},
    )
    reason = _reason_field(_("Raison"))
