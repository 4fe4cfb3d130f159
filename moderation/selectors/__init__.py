from .reports import appeals_for, decisions_about, removal_candidates, removals_for, review_queue, staff_queue
from .roles import current_holdings, hand_on_candidates, log_entries, proposals_for, roles_overview, roles_summary
from .safety import has_blocked, muted_author_ids, my_mutes_and_blocks, shares_a_space, silenced_member_ids

__all__ = [
    "appeals_for",
    "current_holdings",
    "decisions_about",
    "hand_on_candidates",
    "has_blocked",
    "log_entries",
    "muted_author_ids",
    "my_mutes_and_blocks",
    "proposals_for",
    "removal_candidates",
    "removals_for",
    "review_queue",
    "roles_overview",
    "roles_summary",
    "shares_a_space",
    "silenced_member_ids",
    "staff_queue",
]
