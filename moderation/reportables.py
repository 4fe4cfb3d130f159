"""What members can report, and what moderators can hide, across the apps.

Forums, chat and meetings register their content on `entraide.registry.reportable_kinds`
(in their AppConfig.ready()), under its kind, so that reports, the review queue, hiding and
restoring work the same way everywhere without this module knowing their models. Members and
the group itself are registered by moderation. This module reads that registry.

A report keeps `facts(obj)` (ids, numbers, names as members wrote them), never a sentence:
`describe(facts)` words them in the reader's language when the queue or the log is read."""

from dataclasses import dataclass
from typing import Any, Callable

from django.urls import reverse
from django.utils.translation import gettext as _

from entraide import registry

from . import subjects


@dataclass(frozen=True)
class Reportable:
    kind: str                                   # "post", "chat_message", "member", "meeting", "group"
    model: type                                 # the Django model
    group_of: Callable[[Any], "Group | None"]  # noqa: F821 (None for what `scope_of` places)
    author_of: Callable[[Any], "User | None"]  # noqa: F821
    facts: Callable[[Any], dict]                # what is stored about it: ids, numbers, names (JSON, untranslated)
    describe: Callable[[dict], str]             # the facts as a short neutral sentence, never the reporter
    url_of: Callable[[Any], str]
    set_hidden: Callable[[Any, bool], None] | None = None   # hide (True) / restore (False); None = not hideable
    # True when the group does not know who wrote it (an anonymous post): nothing about it then
    # names the member it concerns; only the audited reveal tells.
    hides_author: Callable[[Any], bool] | None = None
    # For what belongs to no group: (scope name, key) of the moderation scope that handles it
    # (moderation.scopes).
    scope_of: Callable[[Any], tuple[str, str]] | None = None
    # Who a report is about when that depends on who reports (the other one of two people);
    # `author_of` otherwise.
    concerns: Callable[[Any, Any], "User | None"] | None = None  # noqa: F821

    def member_concerned(self, obj, reporter):
        return self.concerns(obj, reporter) if self.concerns is not None else self.author_of(obj)

    @property
    def hideable(self) -> bool:
        return self.set_hidden is not None


def for_kind(kind: str) -> Reportable:
    """Raises KeyError for a kind nobody registered."""
    return registry.reportable_kinds.get(kind)


def for_object(obj) -> Reportable:
    """Raises KeyError for an object of a model nobody registered (a subclass of a registered
    model, such as a proxy, is reported as that model's kind)."""
    by_model = {reportable.model: reportable for reportable in registry.reportable_kinds.values()}
    for klass in type(obj).__mro__:
        if klass in by_model:
            return by_model[klass]
    raise KeyError(type(obj).__name__)


def describe_object(obj) -> str:
    """The object as its kind describes it, in the active language."""
    reportable = for_object(obj)
    return reportable.describe(reportable.facts(obj))


def authors_hidden(targets) -> set[tuple[str, int]]:
    """Of (kind, object id) pairs, those whose author must not be named: written anonymously,
    or gone, so that nobody can tell any more. One query per kind that can hide its author."""
    wanted: dict[str, set[int]] = {}
    for kind, object_id in targets:
        wanted.setdefault(kind, set()).add(int(object_id))
    hidden = set()
    for kind, object_ids in wanted.items():
        reportable = registry.reportable_kinds.get(kind, None)
        if reportable is None or reportable.hides_author is None:
            continue
        found = reportable.model._base_manager.in_bulk(object_ids)
        hidden.update((kind, pk) for pk in object_ids if pk not in found or reportable.hides_author(found[pk]))
    return hidden


def kinds() -> tuple[str, ...]:
    return tuple(registry.reportable_kinds)


def resolve(kind: str, object_id) -> Any | None:
    """The object a form or a URL names, or None when the kind or the object does not exist."""
    try:
        reportable = for_kind(kind)
    except KeyError:
        return None
    try:
        return reportable.model._base_manager.filter(pk=int(object_id)).first()
    except (TypeError, ValueError):
        return None


# --- The kinds moderation owns --------------------------------------------------------------

def describe_member(facts: dict) -> str:
    return _("Membre : %(name)s") % {"name": subjects.describe_name(facts.get("name"))}


def member_reportable() -> Reportable:
    from entraide.models import Membership

    return Reportable(
        kind="member",
        model=Membership,
        group_of=lambda membership: membership.group,
        author_of=lambda membership: membership.user,
        facts=lambda membership: subjects.person_facts(membership.user),
        describe=describe_member,
        url_of=lambda membership: reverse("group_members", kwargs={"slug": membership.group.slug}),
    )


def group_reportable() -> Reportable:
    from entraide.models import Group

    return Reportable(
        kind="group",
        model=Group,
        group_of=lambda group: group,
        author_of=lambda group: None,
        facts=lambda group: {"group_id": group.pk, "name": group.name},
        describe=lambda facts: _("Le groupe « %(name)s »") % {"name": facts["name"]},
        url_of=lambda group: group.get_absolute_url(),
    )

