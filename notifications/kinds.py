"""What an app registers for each kind of notification it sends, in its AppConfig.ready():

    from entraide import registry
    registry.notification_kinds.register("reply", NotificationKind(label=..., model=Post, ...))

A notification keeps only whom it is for, its kind and what it is about. Whenever it is shown
or mailed, its kind finds what it is about (`subjects`) and words it (`text`, `url`, `place`)
in the language active then, the reader's: nothing translated is stored, and a thing hidden or
deleted since, or that the member may no longer read, is not announced any more."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from entraide import registry

from .models import EmailFrequency


@dataclass(frozen=True)
class Followed:
    """One thing a member follows (a thread, a forum), with a way to stop: a POST with
    `action=stop` to `stop_url`."""

    name: str
    url: str
    stop_url: str
    place: str = ""


@dataclass(frozen=True)
class Following:
    """What a member follows that brings them a kind of notification, for their preferences page."""

    title: str
    empty: str
    items: list[Followed] = field(default_factory=list)


@dataclass(frozen=True)
class NotificationKind:
    label: Any                                   # lazy text: the preferences page and the list
    model: type                                  # what its notifications are about
    # The subjects with these ids that `member` may still read, by id, with whatever `text`,
    # `url` and `place` read from them, in a fixed number of queries.
    subjects: Callable[[list[int], Any], dict[int, Any]]
    # One sentence in the active language: who, and where, never a word of what members wrote.
    text: Callable[[Any], str]
    url: Callable[[Any], str]
    # Where it happened (a group's name), shown under the sentence; "" for nowhere in particular.
    place: Callable[[Any], str] = lambda subject: ""
    # How members who never chose hear of it by e-mail.
    default: str = EmailFrequency.DAILY
    # What the member follows that brings this kind, listed on their preferences page.
    following: Callable[[Any], Following] | None = None


def kind(key: str) -> NotificationKind:
    """The registered kind; raises entraide.registry.NotRegistered for an unknown key."""
    return registry.notification_kinds.get(key)


def registered() -> list[tuple[str, NotificationKind]]:
    return registry.notification_kinds.items()
