"""The helplines the crisis page and prompt offer. Staff keep them in the admin, which saves
and deletes through here like every other change."""

from django.db import transaction

from entraide.permissions import check_curate

from ..models import CrisisLine


@transaction.atomic
def crisis_line_save(*, actor, line: CrisisLine, created=False) -> CrisisLine:
    check_curate(actor, CrisisLine, "add" if created else "change")
    line.save()
    return line


@transaction.atomic
def crisis_line_delete(*, actor, line: CrisisLine) -> None:
    check_curate(actor, CrisisLine, "delete")
    line.delete()
