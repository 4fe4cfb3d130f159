"""What members can report, and what moderators can hide, across the apps.

Forums, chat and meetings register their content here (in their AppConfig.ready()), so
that reports, the review queue, hiding and restoring work the same way everywhere without
this module knowing their models. Members and the group itself are registered by
moderation."""

from dataclasses import dataclass
from typing import Any, Callable

from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Reportable:
    kind: str                                   # "post", "chat_message", "member", "meeting", "group"
    model: type                                 # the Django model
    group_of: Callable[[Any], "Group"]  # noqa: F821
    author_of: Callable[[Any], "User | None"]  # noqa: F821
    describe: Callable[[Any], str]              # short neutral text for queue and log (never the reporter)
    url_of: Callable[[Any], str]
    set_hidden: Callable[[Any, bool], None] | None = None   # hide (True) / restore (False); None = not hideable

    @property
    def hideable(self) -> bool:
        return self.set_hidden is not None


_by_kind: dict[str, Reportable] = {}
_by_model: dict[type, Reportable] = {}


def register(reportable: Reportable) -> None:
    """Registering a kind again replaces it (apps may be readied more than once in tests)."""
    previous = _by_kind.get(reportable.kind)
    if previous is not None:
        _by_model.pop(previous.model, None)
    _by_kind[reportable.kind] = reportable
    _by_model[reportable.model] = reportable


def unregister(kind: str) -> None:
    reportable = _by_kind.pop(kind, None)
    if reportable is not None:
        _by_model.pop(reportable.model, None)


def for_kind(kind: str) -> Reportable:
    """Raises KeyError for a kind nobody registered."""
    return _by_kind[kind]


def for_object(obj) -> Reportable:
    """Raises KeyError for an object of a model nobody registered."""
    for klass in type(obj).__mro__:
        if klass in _by_model:
            return _by_model[klass]
    raise KeyError(type(obj).__name__)


def kinds() -> tuple[str, ...]:
    return tuple(_by_kind)


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

def _member_reportable() -> Reportable:
    from entraide.models import Membership

    return Reportable(
        kind="member",
        model=Membership,
        group_of=lambda membership: membership.group,
        author_of=lambda membership: membership.user,
        describe=lambda membership: _("Membre : %(name)s") % {"name": membership.user.display_name},
        url_of=lambda membership: reverse("group_members", kwargs={"slug": membership.group.slug}),
    )


def _group_reportable() -> Reportable:
    from entraide.models import Group

    return Reportable(
        kind="group",
        model=Group,
        group_of=lambda group: group,
        author_of=lambda group: None,
        describe=lambda group: _("Le groupe « %(name)s »") % {"name": group.name},
        url_of=lambda group: group.get_absolute_url(),
    )


def register_own_kinds() -> None:
    register(_member_reportable())
    register(_group_reportable())
