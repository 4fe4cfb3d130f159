"""What staff curate in the admin: sectors, themes and regions. The admin saves and deletes
through here, so that the directory follows: a theme's names are part of every group's
search text, and the unfiltered directory's counts are kept until a fact changes."""

from django.db import transaction

from .. import permissions
from ..models import Group, Theme
from ..selectors.directory_counts import forget_unfiltered_counts
from .groups import refresh_search_text

NAME_FIELDS = ("name_fr", "name_de", "name_it", "name_en")


def _directory_changed() -> None:
    forget_unfiltered_counts()
    transaction.on_commit(forget_unfiltered_counts)


@transaction.atomic
def taxonomy_save(*, actor, obj, changed_fields=(), created=False):
    """Save a sector, a theme or a region that staff added or changed."""
    permissions.check_curate(actor, type(obj), "add" if created else "change")
    obj.save()
    if isinstance(obj, Theme) and not created and set(NAME_FIELDS) & set(changed_fields):
        # Directory search reads every language's theme names from the groups' folded text.
        refresh_search_text(Group.objects.filter(themes=obj))
    _directory_changed()
    return obj


@transaction.atomic
def taxonomy_delete(*, actor, obj) -> None:
    """Delete one; a theme goes from its groups, whose search text no longer names it.
    Sectors and regions still in use are protected by the database."""
    permissions.check_curate(actor, type(obj), "delete")
    groups = list(Group.objects.filter(themes=obj).values_list("pk", flat=True)) if isinstance(obj, Theme) else []
    obj.delete()
    if groups:
        refresh_search_text(Group.objects.filter(pk__in=groups))
    _directory_changed()
