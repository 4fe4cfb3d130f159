"""What identifies this release's rendering: its templates, code, translations and static files.

Pages and fragments kept in a shared cache (Redis) outlive the process that rendered them;
after a deployment that changes a template, a view, a translation or a stylesheet's hashed
name, nothing the previous release rendered may be served. The stamp digests the path, size
and modification time of the project's own files, once per process."""

import functools
import hashlib
import sys
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation


def _files(root: Path) -> list[Path]:
    directories = {root / "templates", root / "static", *(Path(path) for path in settings.LOCALE_PATHS)}
    # The project's own apps; installed packages (even in a virtualenv inside the project) are
    # not read file by file: Django's version stands for what of them shapes a page.
    environment = Path(sys.prefix)
    directories.update(
        Path(config.path) for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(root) and not Path(config.path).is_relative_to(environment)
    )
    files = [
        path for directory in directories if directory.is_dir() for path in directory.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    # The collected static files' names, with their hashes (ManifestStaticFilesStorage).
    manifest = Path(settings.STATIC_ROOT or root) / "staticfiles.json"
    if manifest.is_file():
        files.append(manifest)
    return sorted(files)


def stamp_of(root: Path) -> str:
    digest = hashlib.md5(django.get_version().encode(), usedforsecurity=False)
    for path in _files(root):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def release_stamp() -> str:
    return stamp_of(Path(settings.BASE_DIR))


def render_salt() -> str:
    """The release, with the active language and time zone: part of every cached rendering's key."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"{release_stamp()}|{language}|{timezone.get_current_timezone_name()}"
