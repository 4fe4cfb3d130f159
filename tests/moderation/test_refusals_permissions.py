"""A refusal is written once, in the permissions module that refuses: what a role holder whose
term ended reads ("… pendant leur mandat …") lives in moderation/permissions.py and
entraide/permissions.py, and no service, view or template says it again in its own words."""

import ast
from collections import Counter
from pathlib import Path

from django.conf import settings

PHRASE = "pendant leur mandat"
APPS = ("entraide", "forums", "moderation", "conversations", "notifications")
TEMPLATE_SUFFIXES = (".html", ".txt")
WHERE_REFUSALS_LIVE = {"entraide/permissions.py", "moderation/permissions.py"}


def _sources():
    """(path from the repository, text) of every module outside migrations, and every template."""
    base = Path(settings.BASE_DIR).resolve()
    for app in APPS:
        for file in sorted((base / app).rglob("*.py")):
            if "migrations" not in file.relative_to(base).parts:
                yield file.relative_to(base).as_posix(), file.read_text(encoding="utf-8")
    for folder in (base / "templates", *(base / app / "templates" for app in APPS)):
        for file in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if file.suffix in TEMPLATE_SUFFIXES:
                yield file.relative_to(base).as_posix(), file.read_text(encoding="utf-8")


def _messages_with_the_phrase(path, text):
    """The string literals that carry the phrase (adjacent literals joined, as Python does)."""
    if not path.endswith(".py"):
        return []
    return [node.value for node in ast.walk(ast.parse(text, filename=path))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and PHRASE in node.value.casefold()]


def test_the_words_for_a_term_that_ended_are_written_once_per_message_in_the_permissions_only():
    found_in, messages = Counter(), Counter()
    for path, text in _sources():
        if PHRASE in text.casefold():
            found_in[path] += text.casefold().count(PHRASE)
        messages.update(_messages_with_the_phrase(path, text))

    assert set(found_in) == WHERE_REFUSALS_LIVE
    assert messages, "the permissions still say who may act, and until when"
    assert {message: count for message, count in messages.items() if count > 1} == {}
    # Nowhere else either: not in a comment, a docstring or a string split across two literals.
    assert sum(found_in.values()) == len(messages)
