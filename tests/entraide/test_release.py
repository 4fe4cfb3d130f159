"""The release stamp changes with any file of the project that shapes a page."""

import os

from entraide.release import render_salt, stamp_of


def test_the_stamp_changes_when_a_template_changes(tmp_path):
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text("<p>Bonjour</p>")
    before = stamp_of(tmp_path)
    assert stamp_of(tmp_path) == before
    template.write_text("<p>Bonjour à vous</p>")
    assert stamp_of(tmp_path) != before


def test_the_stamp_changes_when_a_file_is_touched_by_a_deployment(tmp_path):
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text("<p>Bonjour</p>")
    before = stamp_of(tmp_path)
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert stamp_of(tmp_path) != before


def test_the_salt_holds_the_language():
    from django.utils import translation

    with translation.override("de"):
        german = render_salt()
    with translation.override("fr"):
        assert render_salt() != german


def test_the_stamp_reads_the_project_not_the_installed_packages():
    import sys
    from pathlib import Path

    from django.conf import settings

    from entraide.release import _files

    files = _files(Path(settings.BASE_DIR))
    assert any(path.name == "base.html" for path in files)
    assert not any(path.is_relative_to(Path(sys.prefix)) for path in files)
