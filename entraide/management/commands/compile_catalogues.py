"""Compile the message catalogues (locale/*/LC_MESSAGES/*.po) to .mo files.

Pure Python (polib), so that a fresh machine needs no system gettext. The .mo
files are build output and stay out of git.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues(locale_dirs) -> list[Path]:
    found = []
    for locale_dir in locale_dirs:
        found.extend(sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")))
    return found


def compile_catalogue(po_path: Path) -> tuple[Path, int]:
    """Write the .mo beside the .po; returns its path and the number of translated messages."""
    try:
        catalogue = polib.pofile(str(po_path))
    except (OSError, ValueError) as error:
        raise CommandError(f"{po_path}: {error}") from error
    mo_path = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path, len(catalogue.translated_entries())


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po to .mo with polib (no system gettext needed)."

    def handle(self, *args, **options):
        found = catalogues(settings.LOCALE_PATHS)
        if not found:
            places = ", ".join(str(path) for path in settings.LOCALE_PATHS)
            self.stdout.write(f"No message catalogue (.po) to compile in {places}.")
            return
        for po_path in found:
            mo_path, translated = compile_catalogue(po_path)
            relative = mo_path.relative_to(settings.BASE_DIR) if mo_path.is_relative_to(settings.BASE_DIR) else mo_path
            self.stdout.write(f"Compiled {relative} ({translated} messages).")
