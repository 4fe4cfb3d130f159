"""Moderation outside a group. A report about something that belongs to no group (a
listening-line conversation, a pairing) is handled in the scope its app registered on
`entraide.registry.moderation_scopes`: a name (the app's) and a key (its programme), with its
own moderators. Reports, decisions, warnings, appeals and the log then work as in a group,
but for what only a group has (mutes, removals) and for escalation: what a scope holds is
read by its moderators and nobody else, so it is never sent to the platform staff."""

from dataclasses import dataclass
from typing import Callable

from entraide import registry
from entraide.errors import NotFound


@dataclass(frozen=True)
class ModerationScope:
    name: str
    label: Callable[[str], str]                    # key -> who moderates it, in the reader's language
    check_moderate: Callable[..., None]            # (actor, key) -> raises unless they moderate it now
    check_report: Callable[..., None]              # (actor, target) -> raises unless they may report it
    home_url: Callable[[str], str]                 # key -> where its moderators work


def for_name(name: str) -> ModerationScope:
    """The scope a URL names; a 404 for one nobody registered."""
    scope = registry.moderation_scopes.get(name, None)
    if scope is None:
        raise NotFound()
    return scope


def check_moderate(actor, scope: str, key: str) -> None:
    for_name(scope).check_moderate(actor, key)


def label_of(report_or_decision) -> str:
    """Who moderates the scope a report or a decision belongs to, in the reader's language."""
    return for_name(report_or_decision.scope).label(report_or_decision.scope_key)
