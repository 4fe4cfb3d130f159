"""Every extension point of the platform, in one place and with one behaviour.

Apps extend each other only through these registries, each app registering what it brings in
its `AppConfig.ready()`; the core never imports a feature app. Registering a key twice is an
error: two apps claiming the same kind of report or the same export section is a bug to see
at start-up, not a silent overwrite.

    from entraide import registry
    registry.export_sections.register("forum_posts", forum_posts_for_export)
    for name, section in registry.export_sections.items(): ...
"""

from collections.abc import Iterator
from typing import Any

_REQUIRED = object()


class AlreadyRegistered(Exception):
    pass


class NotRegistered(KeyError):
    pass


class Registry:
    """Keys to values, kept in the order they were registered."""

    def __init__(self, name: str):
        self.name = name
        self._entries: dict[str, Any] = {}

    def register(self, key: str, value: Any) -> Any:
        if key in self._entries:
            raise AlreadyRegistered(f"{self.name}: {key!r} is already registered.")
        self._entries[key] = value
        return value

    def unregister(self, key: str) -> None:
        if key not in self._entries:
            raise NotRegistered(f"{self.name}: nothing is registered as {key!r}.")
        del self._entries[key]

    def get(self, key: str, default: Any = _REQUIRED) -> Any:
        """What is registered as `key`; `default` when given and nothing is, else NotRegistered."""
        try:
            return self._entries[key]
        except KeyError:
            if default is not _REQUIRED:
                return default
            raise NotRegistered(f"{self.name}: nothing is registered as {key!r}.") from None

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def items(self) -> list[tuple[str, Any]]:
        return list(self._entries.items())

    def values(self) -> list[Any]:
        return list(self._entries.values())

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {', '.join(self._entries)}>"


# What members can report: kind -> moderation.reportables.Reportable (registered under its kind).
reportable_kinds = Registry("reportable kinds")
# What else moderation acts on and logs (a thread, a story, a person): kind -> callable(facts) -> str,
# the facts worded in the reader's language. Reportable kinds are worded by their own `describe`.
subject_kinds = Registry("subject kinds")
# Sections of a member's data export: name -> callable(member) -> JSON-able data.
export_sections = Registry("export sections")
# What goes when an account is deleted: name -> callable(member).
account_cleanups = Registry("account cleanups")
# What shows a member's name, to refresh when it changes: name -> callable(member).
name_changes = Registry("name changes")
# Kinds of notification: kind -> notifications kind description (label, preference default).
notification_kinds = Registry("notification kinds")
# Demo data each app adds to `seed_demo`: name -> callable(*, members, groups), run in
# registration order after the core's members and groups, inside seed_demo's transaction.
demo_data = Registry("demo data")
# Two members who may write to each other privately though they share no group (a pairing in
# peers/): name -> callable(user, other) -> bool, asked by conversations.permissions.
private_conversation_allowances = Registry("private conversation allowances")
# What happens when a group is created: name -> callable(*, actor, group), inside the transaction.
group_created = Registry("group created")
# What happens when a membership ends (leaving or removal): name -> callable(member, group),
# inside the transaction that ends it.
membership_ended = Registry("membership ended")
# What happens when a group stops (its members closed it, or its last member left): name ->
# callable(*, actor, group, now), inside the transaction of entraide's `group_stop`; actor is
# None when nobody did it in person (the task worker settling a decision, the last departure).
group_stopped = Registry("group stopped")
# What a group's rotating roles decide, answered by the app that keeps them: verb ->
# callable(standing) -> bool. A verb nobody answers is refused (entraide.permissions).
group_policies = Registry("group policies")
# What an app adds to a member's standing in a group: name -> entraide.standing.StandingFacts.
standing_facts = Registry("standing facts")
# What apps add to every page's header (the notifications badge, later a chat badge or the next
# meeting): name -> entraide.selectors.header.HeaderItem. A page's ETag is made of what these
# show, so nothing an app adds to the header is ever answered with a stale 304.
header_items = Registry("header items")
# Work that falls due with the clock (reminders, settling proposals): name ->
# entraide.management.commands.clock.Periodic; `manage.py clock` hands each to the task worker
# at its interval.
periodic_tasks = Registry("periodic tasks")
# WebSocket routes: name -> list of channels/Django URL patterns (`path("ws/...", Consumer.as_asgi())`),
# read once by entraide.routing when the ASGI application starts.
websocket_routes = Registry("websocket routes")
# What apps show on a group's page (the centre that accompanies it): name -> callable(group) ->
# HTML ("" when there is nothing to show), rendered by entraide's `group_page_extras` tag.
group_page_extras = Registry("group page extras")
# Who to contact when the directory finds nothing or the theme is rare (the centre of the chosen
# region): name -> callable(result: DirectoryResult) -> HTML, "" when there is none; rendered by
# entraide's `directory_contacts` tag. Asks nothing of the database when no region is chosen.
directory_contacts = Registry("directory contacts")
# Groups and forums listed from elsewhere (a centre's external listings), shown in the directory
# with their label and counted in its facets: name -> callable() -> list of
# entraide.selectors.directory_elsewhere.OtherListing, in ONE query per source.
directory_listings = Registry("directory listings")
# Figures for funders (groups by theme, meetings held, pairings…): name ->
# entraide.selectors.figures.FunderFigure, counted in one query each, shown by centres/ to
# centre and platform staff only, every count under 5 shown as "fewer than 5".
funder_figures = Registry("funder figures")
# Where reports are handled outside a group (a peer-support programme): name ->
# moderation.scopes.ModerationScope, whose moderators are whoever that app says (its coordinators).
moderation_scopes = Registry("moderation scopes")
