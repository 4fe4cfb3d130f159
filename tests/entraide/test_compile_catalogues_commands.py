"""The message catalogues: `manage.py compile_catalogues` writes the .mo files gettext reads,
and the English, German and Italian catalogues cover every string of the product."""

import ast
import gettext
import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

# --- The command -------------------------------------------------------------------------------

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


# --- Every string in every catalogue -----------------------------------------------------------
# Source strings are French (the default language): the tests below find every one of them in
# the Python code and templates and check that each catalogue translates it.

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ["entraide", "moderation", "forums", "notifications", "conversations", "meetings", "chat", "peers", "centres",
               "templates"]
LANGUAGES = ["en", "de", "it"]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")

TRANSLATE_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
BLOCK_TAG = re.compile(r"{%\s*blocktrans(?:late)?\b(?P<args>[^%]*)%}(?P<body>.*?){%\s*endblocktrans(?:late)?\s*%}", re.S)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def _python_sources():
    for folder in SOURCE_DIRS[:-1]:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _template_sources():
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.html"):
            yield path
        for path in (ROOT / folder).rglob("*.txt"):
            yield path


def source_msgids() -> set[str]:
    found = set()
    for path in _python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in GETTEXT_NAMES:
                continue
            position = 1 if name.startswith("pgettext") else 0
            if len(node.args) > position and isinstance(node.args[position], ast.Constant):
                if isinstance(node.args[position].value, str):
                    found.add(node.args[position].value)
    for path in _template_sources():
        text = path.read_text(encoding="utf-8")
        for match in TRANSLATE_TAG.finditer(text):
            found.add((match.group(1) or match.group(2)).replace('\\"', '"').replace("\\'", "'"))
        for match in BLOCK_TAG.finditer(text):
            body = match.group("body")
            if "trimmed" in match.group("args"):
                body = " ".join(body.split())
            singular = re.split(r"{%\s*plural\s*%}", body)[0]
            found.add(VARIABLE.sub(r"%(\1)s", singular).replace("%%", "%"))
    return found


def catalogue(language: str) -> polib.POFile:
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing"
    return polib.pofile(str(path))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_string_is_in_the_catalogue(language):
    known = {entry.msgid for entry in catalogue(language) if not entry.obsolete}
    missing = sorted(source_msgids() - known)
    assert missing == [], f"{len(missing)} strings missing from {language}: {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_keeps_its_placeholders(language):
    problems = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid}")
        if entry.msgid_plural:
            # The singular form answers the msgid, every other form the msgid_plural.
            pairs = [(entry.msgid if index == 0 else entry.msgid_plural, text)
                     for index, text in sorted(entry.msgstr_plural.items())]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translation in pairs:
            if not translation.strip():
                problems.append(f"untranslated: {entry.msgid}")
            elif sorted(PLACEHOLDER.findall(translation)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"placeholders differ: {source} -> {translation}")
    assert problems == []


def test_the_extraction_finds_strings_from_code_and_templates():
    found = source_msgids()
    assert "Créer un groupe" in found
    assert "Le groupe a besoin d'un nom." in found
