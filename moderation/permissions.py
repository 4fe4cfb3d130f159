"""Who may do what in a group's shared leadership and moderation. The one place anyone asks.

Derived from membership and current roles only: a holder whose term ended, or who left the
group, has no power, and platform staff get no shortcut here (they act through the admin)."""

from django.utils import timezone

from entraide.permissions import is_member

from .models import CORE_ROLES, GroupRoleSettings, ProposalStatus, RoleHolding, RoleKind


def current_roles(user, group) -> frozenset:
    """The roles this member holds in the group right now; cached on the user for the request."""
    if not is_member(user, group):
        return frozenset()
    cache = getattr(user, "_group_roles_cache", None)
    if cache is None:
        cache = user._group_roles_cache = {}
    if group.pk not in cache:
        cache[group.pk] = frozenset(
            RoleHolding.objects.current().filter(group=group, user=user).values_list("role", flat=True)
        )
    return cache[group.pk]


def forget_roles(user) -> None:
    if hasattr(user, "_group_roles_cache"):
        del user._group_roles_cache


def holds_role(user, group, role) -> bool:
    return role in current_roles(user, group)


def holds_any_role(user, group) -> bool:
    return bool(current_roles(user, group))


def enabled_roles(group) -> tuple:
    try:
        return group.role_settings.enabled_roles()
    except GroupRoleSettings.DoesNotExist:
        return CORE_ROLES


# --- Group matters --------------------------------------------------------------------------

def can_decide_join_requests(user, group) -> bool:
    return holds_role(user, group, RoleKind.WELCOME)


def can_edit_group(user, group) -> bool:
    """The description and facts; the charter changes only through a proposal."""
    return holds_any_role(user, group)


def can_set_functions(user, group) -> bool:
    return holds_any_role(user, group)


# --- Moderation (used by forums, chat and meetings) ---------------------------------------

def can_write_in_group(user, group) -> bool:
    """Post in the forum, write in the chat: members who are not muted or removed."""
    return is_member(user, group)


def can_hide_content(user, group) -> bool:
    return holds_role(user, group, RoleKind.MODERATOR)


def can_lock_thread(user, group) -> bool:
    return holds_role(user, group, RoleKind.MODERATOR)


def can_pin_thread(user, group) -> bool:
    return holds_role(user, group, RoleKind.MODERATOR)


def can_set_slow_mode(user, group) -> bool:
    return holds_role(user, group, RoleKind.MODERATOR)


def can_mute_member(user, group) -> bool:
    return holds_role(user, group, RoleKind.MODERATOR)


def can_propose_removal(user, group) -> bool:
    return holds_any_role(user, group)


def can_confirm_removal(user, group, *, proposed_by) -> bool:
    """A second, different role holder: a single person can never expel someone."""
    return holds_any_role(user, group) and user.pk != proposed_by.pk


# --- Roles and proposals -------------------------------------------------------------------

def can_view_roles(user, group) -> bool:
    return is_member(user, group)


def can_volunteer(user, group, role) -> bool:
    return role in enabled_roles(group) and is_member(user, group) and not holds_role(user, group, role)


def can_hand_on_role(user, group, role) -> bool:
    return holds_role(user, group, role)


def can_propose(user, group) -> bool:
    return is_member(user, group)


def can_view_proposals(user, group) -> bool:
    return is_member(user, group)


def can_object(user, proposal, now=None) -> bool:
    """Any member but the proposer (who withdraws instead), while the window is open."""
    now = now or timezone.now()
    return (
        proposal.status in (ProposalStatus.OPEN, ProposalStatus.BLOCKED)
        and now < proposal.decides_at
        and user.pk != proposal.proposer_id
        and is_member(user, proposal.group)
    )


def can_withdraw(user, proposal) -> bool:
    return proposal.status == ProposalStatus.OPEN and user.pk == proposal.proposer_id


def can_view_log(user, group) -> bool:
    return is_member(user, group)
