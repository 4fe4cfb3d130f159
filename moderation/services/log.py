"""The one way entries enter the moderation log. There is no update or delete."""

from ..models import ModerationLogEntry


def log_entry_write(*, actor, group, action, role="", target="", reason="", proposal=None, now=None,
                    actor_name=None) -> ModerationLogEntry:
    """`actor` may be None for what the platform does by itself (escalation after a delay);
    `actor_name` then says so."""
    entry = ModerationLogEntry(
        group=group,
        actor=actor,
        actor_name=(actor_name or actor.display_name)[:40],
        action=action,
        role=role,
        target=str(target)[:200],
        reason=reason,
        proposal=proposal,
    )
    if now is not None:
        entry.created_at = now
    entry.save(force_insert=True)
    return entry
