"""Who may do what in a group's shared leadership and moderation. The one place anyone asks.

Derived from membership and current roles only: a holder whose term ended, or who left the
group, has no power, and platform staff get no shortcut here (they act through the escalation queue)."""

from django.utils import timezone

from entraide.permissions import is_member

from .models import CORE_ROLES, Appeal, GroupBan, GroupMute, GroupRoleSettings, ProposalStatus, RoleHolding, RoleKind


def current_holdings(group, user, now=None):
    """The query behind current_roles."""
    return RoleHolding.objects.current(now).filter(group=group, user=user)


def current_roles(user, group) -> frozenset:
    """The roles this member holds in the group right now; cached on the user for the request."""
    if not is_member(user, group):
        return frozenset()
    cache = getattr(user, "_group_roles_cache", None)
    if cache is None:
        cache = user._group_roles_cache = {}
    if group.pk not in cache:
        cache[group.pk] = frozenset(current_holdings(group, user).values_list("role", flat=True))
    return cache[group.pk]


def remember_mute(user, group, muted_until) -> None:
    """What a page read already with other things: the end of the member's group mute, if any."""
    if getattr(user, "_group_mute_cache", None) is None:
        user._group_mute_cache = {}
    user._group_mute_cache[group.pk] = muted_until


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
    """Post in the forum, write in the chat: members who are not muted or removed. A removed
    member has lost the membership (and the ban keeps them from joining again), so membership
    answers for removal without another query."""
    return is_member(user, group) and not is_muted(user, group)


def is_muted(user, group, now=None) -> bool:
    """Muted by a moderator's decision until a given time; cached on the user for the request."""
    if not (user and user.is_authenticated):
        return False
    cache = getattr(user, "_group_mute_cache", None)
    if cache is None:
        cache = user._group_mute_cache = {}
    if group.pk not in cache:
        cache[group.pk] = mute_ends(group, user).values_list("until", flat=True).first()
    until = cache[group.pk]
    return until is not None and (now or timezone.now()) < until


def mute_ends(group, member):
    """The member's standing group mutes, the latest end first (the query behind is_muted)."""
    return GroupMute.objects.filter(group=group, member=member, lifted_at__isnull=True).order_by("-until")


def forget_mutes(user) -> None:
    if hasattr(user, "_group_mute_cache"):
        del user._group_mute_cache


def is_banned(user, group) -> bool:
    """Removed from the group by two role holders: cannot rejoin."""
    if not (user and user.is_authenticated):
        return False
    return GroupBan.objects.filter(group=group, member=user, lifted_at__isnull=True).exists()


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


# --- Reports, decisions, appeals ------------------------------------------------------------

def can_report(user, group) -> bool:
    """Any member, muted or not: being muted must never keep someone from asking for help."""
    return is_member(user, group)


def can_raise_worry(user, group) -> bool:
    return is_member(user, group)


def can_review_reports(user, group) -> bool:
    return holds_role(user, group, RoleKind.MODERATOR)


def can_view_my_decisions(user, group) -> bool:
    """Members, and removed members who may still appeal their removal."""
    return is_member(user, group) or is_banned(user, group)


def can_appeal(user, decision) -> bool:
    """Only the member the decision is about, once, while it stands."""
    return (
        bool(user and user.is_authenticated)
        and decision.member_id == user.pk
        and decision.is_appealable
        and not _has_appeal(decision)
    )


def _has_appeal(decision) -> bool:
    try:
        return decision.appeal is not None
    except Appeal.DoesNotExist:
        return False


def can_view_appeals(user, group) -> bool:
    return holds_any_role(user, group)


def can_settle_appeal(user, appeal) -> bool:
    """Another role holder than the one who decided, and never the appellant."""
    decision = appeal.decision
    return (
        not appeal.is_settled
        and holds_any_role(user, decision.group)
        and user.pk != decision.decided_by_id
        and user.pk != appeal.appellant_id
    )


def can_view_removals(user, group) -> bool:
    return holds_any_role(user, group)


def can_cancel_removal(user, proposal) -> bool:
    """The proposer withdraws it, or another holder declines to confirm it."""
    return proposal.is_pending and holds_any_role(user, proposal.group)


def can_use_staff_queue(user) -> bool:
    """Platform staff see escalated reports only; they act on a group through nothing else."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


# --- Between members: private mutes and blocks ----------------------------------------------

def can_write_to(user, other) -> bool:
    """Write privately to `other` or mention them: anyone signed in, except someone `other`
    has blocked. Callers refuse without saying why, so nobody learns they were blocked."""
    from .selectors import has_blocked

    if not (user and user.is_authenticated) or other is None or user.pk == other.pk:
        return False
    if not other.is_active or other.is_deleted:
        return False
    return not has_blocked(other, user)


def can_mute_or_block(user, other) -> bool:
    """Another member one meets in a group or a contact circle."""
    from .selectors import shares_a_space

    if not (user and user.is_authenticated) or other is None or user.pk == other.pk:
        return False
    return shares_a_space(user, other)
