"""The helplines the crisis page and prompt offer. Staff keep them in the admin, which saves
and deletes through here like every other change."""

from django.db import transaction
from django.utils.translation import gettext as _

from entraide.errors import NotAllowed
from entraide.permissions import can_curate

from ..models import CrisisLine


def _check(actor, action) -> None:
    if not can_curate(actor, CrisisLine, action):
        raise NotAllowed(_("Seule l'équipe de la plateforme tient à jour les lignes d'aide."))


@transaction.atomic
def crisis_line_save(*, actor, line: CrisisLine, created=False) -> CrisisLine:
    _check(actor, "add" if created else "change")
    line.save()
    return line


@transaction.atomic
def crisis_line_delete(*, actor, line: CrisisLine) -> None:
    _check(actor, "delete")
    line.delete()
