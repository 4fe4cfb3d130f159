import gettext
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CATALOGUE = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de\\n"

msgid "Trouver un groupe"
msgstr "Eine Gruppe finden"

#, fuzzy
msgid "Créer un groupe"
msgstr "Gruppe erstellen (Entwurf)"

msgid "Se connecter"
msgstr ""

msgid "%(count)s membre"
msgid_plural "%(count)s membres"
msgstr[0] "%(count)s Mitglied"
msgstr[1] "%(count)s Mitglieder"
'''


def write_catalogue(locale_dir, language="de", text=CATALOGUE):
    folder = locale_dir / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(text, encoding="utf-8")
    return folder


def compile_in(settings, locale_dir) -> str:
    settings.LOCALE_PATHS = [locale_dir]
    out = StringIO()
    call_command("compile_catalogues", stdout=out)
    return out.getvalue()


def test_compile_catalogues_writes_a_mo_file_that_gettext_reads(settings, tmp_path):
    folder = write_catalogue(tmp_path)

    output = compile_in(settings, tmp_path)

    with (folder / "django.mo").open("rb") as mo_file:
        translations = gettext.GNUTranslations(mo_file)
    assert translations.gettext("Trouver un groupe") == "Eine Gruppe finden"
    assert translations.ngettext("%(count)s membre", "%(count)s membres", 3) == "%(count)s Mitglieder"
    assert "(2 messages)" in output


def test_compile_catalogues_leaves_fuzzy_and_empty_translations_to_the_french_source(settings, tmp_path):
    folder = write_catalogue(tmp_path)

    compile_in(settings, tmp_path)

    with (folder / "django.mo").open("rb") as mo_file:
        translations = gettext.GNUTranslations(mo_file)
    assert translations.gettext("Créer un groupe") == "Créer un groupe"
    assert translations.gettext("Se connecter") == "Se connecter"


def test_compile_catalogues_compiles_every_language(settings, tmp_path):
    for language in ("de", "en", "it"):
        write_catalogue(tmp_path, language)

    compile_in(settings, tmp_path)

    assert sorted(path.parent.parent.name for path in tmp_path.glob("*/LC_MESSAGES/django.mo")) == ["de", "en", "it"]


def test_compile_catalogues_says_so_when_there_is_nothing_to_compile(settings, tmp_path):
    output = compile_in(settings, tmp_path)

    assert "No message catalogue" in output
    assert not list(tmp_path.rglob("*.mo"))


def test_compile_catalogues_reports_a_broken_catalogue_by_name(settings, tmp_path):
    write_catalogue(tmp_path, text='msgid "Trouver un groupe"\nmsgstr\n')

    with pytest.raises(CommandError, match="django.po"):
        compile_in(settings, tmp_path)
