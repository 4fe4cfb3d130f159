"""What a report, a decision or a log entry is about: stored as facts, put into words when read.

A sentence written when someone acts is in that person's language, and in a group where one
member writes English an English report names its reporter. So rows keep a kind and its facts
(ids, numbers, and names or titles as members wrote them) and each kind's `describe` turns
the facts into a sentence in the reader's language, at the moment it is read.

A reportable kind (`entraide.registry.reportable_kinds`) is worded by its own `describe`; apps
register the other things their moderators act on (a thread, a story) on
`entraide.registry.subject_kinds`, from their AppConfig.ready()."""

from django.utils.translation import gettext as _

from entraide import registry

# Someone acted on or about a member: only their pseudonym, or nothing once the account is closed.
PERSON = "person"


def describe(kind: str, facts, fallback: str = "") -> str:
    """The facts in the active language; `fallback` (text kept from before facts were stored)
    when the kind is unknown or the facts do not fit it."""
    reportable = registry.reportable_kinds.get(kind, None)
    describer = reportable.describe if reportable is not None else registry.subject_kinds.get(kind, None)
    if describer is None or not isinstance(facts, dict):
        return fallback
    try:
        return describer(facts)
    except (KeyError, TypeError, ValueError):
        return fallback


def name_of(user) -> str:
    """What the facts keep of a member: the pseudonym, or "" for a closed account, which every
    reader then reads as "former member" in their own language."""
    if user is None or getattr(user, "is_deleted", False):
        return ""
    return user.pseudonym


def person_facts(user) -> dict:
    return {"user_id": getattr(user, "pk", None), "name": name_of(user)}


def describe_name(name) -> str:
    return name or _("ancien membre")


def describe_person(facts: dict) -> str:
    return describe_name(facts.get("name"))
