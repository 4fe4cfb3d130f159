"""Reporting a listening-line conversation or a pairing: moderation's form, worded for the
programme's coordinators, who read it (peers.reporting)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from moderation.forms import ReportForm
from moderation.models import NOTE_MAX_LENGTH


class PeerReportForm(ReportForm):
    note = forms.CharField(
        label=_("Une précision pour la coordination (facultatif)"), required=False, max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seule la coordination du programme la lit. L'autre personne ne saura pas ce que vous avez "
                    "écrit."),
        error_messages={"max_length": _("La note est trop longue.")},
    )
