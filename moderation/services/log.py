"""The one way entries enter the moderation log. There is no update or delete.

An entry stores no sentence in anyone's language: what it is about is a kind and its facts
(`moderation.subjects`), a member is their pseudonym (nothing once the account is closed) and
a reason chosen from a list is its code. The log page words them in each reader's language."""

from django.utils.functional import Promise

from ..models import ModerationLogEntry
from ..subjects import PERSON, name_of, person_facts


def log_entry_write(*, actor, group, action, role="", target="", target_kind="", target_facts=None, reason="",
                    reason_code="", proposal=None, now=None, actor_name=None, scope="", scope_key=""
                    ) -> ModerationLogEntry:
    """`actor` may be None for what the platform does by itself (escalation after a delay);
    `actor_name` then says so. `target` is a member (kept as a person), or text as members
    wrote it (a pseudonym, a title); anything else the log speaks of is a `target_kind` with
    its `target_facts`. `reason` is what the actor wrote; `reason_code` a `LogReason`. `group`
    is None for an entry of a moderation scope (`scope`, `scope_key`: moderation.scopes)."""
    if isinstance(target, Promise) or isinstance(reason, Promise):
        # A translated string would be frozen in the actor's language for every reader.
        raise TypeError("log entries store facts and codes, not translated text")
    if target is not None and not isinstance(target, str):
        target_kind, target_facts, target = PERSON, person_facts(target), ""
    entry = ModerationLogEntry(
        group=group,
        scope=scope,
        scope_key=scope_key,
        actor=actor,
        actor_name=(actor_name if actor_name is not None else name_of(actor))[:40],
        action=action,
        role=role,
        target_kind=target_kind,
        target_facts=target_facts or {},
        target=(target or "")[:200],
        reason_code=reason_code,
        reason=reason,
        proposal=proposal,
    )
    if now is not None:
        entry.created_at = now
    entry.save(force_insert=True)
    return entry


def place_of(report_or_decision) -> dict:
    """The `log_entry_write` arguments for where a report or a decision belongs."""
    return {"group": report_or_decision.group, "scope": report_or_decision.scope,
            "scope_key": report_or_decision.scope_key}


def subject_of(report_or_decision) -> dict:
    """The `log_entry_write` arguments for what a report or a decision is about: its kind and
    facts, or the text of a row from before facts were kept."""
    return {"target_kind": report_or_decision.target_kind, "target_facts": report_or_decision.target_facts,
            "target": report_or_decision.legacy_description}
