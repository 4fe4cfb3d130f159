"""Who may do what in a group's shared leadership and moderation. The one place anyone asks.

Each rule is a `check_<verb>` that raises NotAllowed with the member's message, `can_<verb>`
derived from it (entraide.errors.allows). Group rules take the member's standing
(entraide.standing), to which this app adds the roles held now, a group mute and a removal
(`STANDING_FACTS`, registered in ready()). A holder whose term ended, or who left the group,
has no power, and platform staff get no shortcut here (they act through the escalation queue).
"""

from django.db.models import Aggregate, CharField, Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.errors import Conflict, DomainError, NotAllowed, allows
from entraide.permissions import MEMBERS_ONLY, check_group_going, check_member, check_signed_in
from entraide.standing import Standing, StandingFacts, signed_in

from .models import CORE_ROLES, Appeal, GroupBan, GroupMute, GroupRoleSettings, ProposalStatus, RoleHolding, RoleKind

MODERATORS_ONLY = _("Seul·es les modérateur·rices du groupe, pendant leur mandat, peuvent faire cela.")
ROLE_HOLDERS_ONLY = _("Seules les personnes qui tiennent un rôle, pendant leur mandat, peuvent faire cela.")
MUTED = _("Vous ne pouvez pas écrire dans ce groupe pour le moment.")
OWN_PROPOSAL = _("C'est votre proposition : vous pouvez la retirer plutôt que d'y objecter.")
NOT_YOUR_DECISION = _("Seule la personne concernée par une décision peut faire recours.")
STAFF_ONLY = _("Seule l'équipe de la plateforme traite les signalements transmis.")
NOBODY_TO_SILENCE = _("Ce membre n'existe pas ou vous ne le croisez dans aucun groupe.")
CONSULTATION_CLOSED = _("Cette proposition n'est plus en consultation.")
REMOVAL_SETTLED = _("Cette proposition d'exclusion a déjà été tranchée.")
ALREADY_APPEALED = _("Vous avez déjà fait recours contre cette décision : un recours n'est possible qu'une fois.")


# --- The standing this app adds to -----------------------------------------------------------

class _RoleList(Aggregate):
    """The roles of some holdings as one text, comma-separated (a role's code has no comma)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="STRING_AGG",
                              template="%(function)s(%(distinct)s%(expressions)s, ',')", **extra_context)


def _standing_annotations(*, user, now) -> dict:
    group = OuterRef("pk")
    # The roles held now listed by one subquery, not one EXISTS per role: the database answers
    # either in a fraction of a millisecond, but Django took longer to build the six subqueries
    # than all the rest of the page's standing.
    held = (RoleHolding.objects.current(now).filter(group=group, user=user.pk).order_by()
            .values("group").annotate(roles=_RoleList("role")).values("roles"))
    return {
        "roles_held": Subquery(held),
        "muted_until": Subquery(mute_ends(group, user.pk).values("until")[:1]),
        "is_removed": Exists(GroupBan.objects.filter(group=group, member=user.pk, lifted_at__isnull=True)),
    }


def _standing_fields(row) -> dict:
    # Roles give power only to members: a holder who left holds nothing.
    held = row["roles_held"] if row["is_member"] else None
    roles = frozenset(held.split(",")) if held else frozenset()
    return {"roles": roles, "muted_until": row["muted_until"], "is_removed": row["is_removed"]}


def _silenced_ids(user) -> set:
    from .selectors import silenced_member_ids

    return silenced_member_ids(user)


STANDING_FACTS = StandingFacts(annotations=_standing_annotations, fields=_standing_fields,
                               silenced_ids=_silenced_ids)


def mute_ends(group, member):
    """The member's standing group mutes, the latest end first."""
    return GroupMute.objects.filter(group=group, member=member, lifted_at__isnull=True).order_by("-until")


def enabled_roles(group) -> tuple:
    try:
        return group.role_settings.enabled_roles()
    except GroupRoleSettings.DoesNotExist:
        return CORE_ROLES


def _check_role(standing: Standing, role, message=MODERATORS_ONLY) -> None:
    if not standing.holds(role):
        raise NotAllowed(message)


def check_hold_a_role(standing: Standing) -> None:
    """Set the group's functions, see and settle appeals, propose, confirm or cancel a removal."""
    if not standing.holds_any_role:
        raise NotAllowed(ROLE_HOLDERS_ONLY)


# --- Group matters (answered for the core on registry.group_policies) -------------------------

def decides_join_requests(standing: Standing) -> bool:
    return standing.holds(RoleKind.WELCOME)


def edits_group(standing: Standing) -> bool:
    """The description and facts; the charter changes only through a proposal."""
    return standing.holds_any_role


# --- Moderation (used by forums, chat and meetings) ------------------------------------------

def check_write_in_group(standing: Standing) -> None:
    """Post in the forum, write in the chat: members who are not muted. A removed member has
    lost the membership (and the ban keeps them from joining again)."""
    check_member(standing)
    check_group_going(standing)
    if standing.is_muted:
        raise NotAllowed(MUTED)


def check_moderate(standing: Standing) -> None:
    """Hide and restore content, lock, pin, slow a thread, mute a member, review reports."""
    _check_role(standing, RoleKind.MODERATOR)


REMOVAL_ABOUT_YOU = _("Cette exclusion vous concerne : d'autres responsables en décident.")


def check_confirm_removal(standing: Standing, *, proposed_by, member=None) -> None:
    """A second, different role holder: a single person can never expel someone, and nobody
    confirms their own removal."""
    check_hold_a_role(standing)
    if standing.user.pk == proposed_by.pk:
        raise NotAllowed(_("Une exclusion doit être confirmée par un·e autre responsable que la personne qui l'a "
                           "proposée : personne n'exclut seul·e."))
    if member is not None and standing.user.pk == member.pk:
        raise NotAllowed(REMOVAL_ABOUT_YOU)


# --- Roles and proposals -------------------------------------------------------------------------

def check_propose(standing: Standing) -> None:
    """Any proposal (a role, a new charter): members of a group that has not stopped."""
    check_member(standing)
    check_group_going(standing)


def check_propose_close(standing: Standing) -> None:
    """Asking the group to stop: a member holding a role, as for the group's other functions."""
    check_propose(standing)
    check_hold_a_role(standing)


def check_volunteer(standing: Standing, role) -> None:
    check_propose(standing)
    if role not in enabled_roles(standing.group):
        # What the form sent, not who sent it: a function this group switched off.
        raise DomainError(_("Ce groupe n'a pas activé cette fonction."))
    if standing.holds(role):
        raise Conflict(_("Vous tenez déjà ce rôle."))


def check_hand_on_role(standing: Standing, role) -> None:
    check_group_going(standing)
    _check_role(standing, role, _("Vous ne tenez pas ce rôle en ce moment : il n'est pas à vous de le transmettre."))


def check_step_down(standing: Standing, role) -> None:
    """Nobody is held to a role: its holder leaves it when they wish, without asking."""
    if not standing.holds(role):
        raise Conflict(_("Vous ne tenez pas ce rôle en ce moment."))


def check_object(standing: Standing, proposal, *, now=None) -> None:
    """Any member but the proposer (who withdraws instead), while the window is open (at
    `now`, the time the standing was read unless told)."""
    check_member(standing)
    now = now or standing.read_at
    if proposal.status not in (ProposalStatus.OPEN, ProposalStatus.BLOCKED) or now >= proposal.decides_at:
        raise Conflict(CONSULTATION_CLOSED)
    if standing.user.pk == proposal.proposer_id:
        raise NotAllowed(OWN_PROPOSAL)


def check_withdraw(user, proposal, *, now=None) -> None:
    """The proposer, while the window is open: once it closed, the group's decision is recorded."""
    if user.pk != proposal.proposer_id:
        raise NotAllowed(_("Seule la personne qui a fait la proposition peut la retirer."))
    if proposal.status != ProposalStatus.OPEN or (now or timezone.now()) >= proposal.decides_at:
        raise Conflict(CONSULTATION_CLOSED)


# --- Reports, decisions, appeals ---------------------------------------------------------------

def check_view_my_decisions(standing: Standing) -> None:
    """Members, and removed members who may still appeal their removal."""
    if not (standing.is_member or standing.is_removed):
        raise NotAllowed(MEMBERS_ONLY)


def check_appeal(user, decision) -> None:
    """Only the member the decision is about, once, while it stands and takes something from them."""
    check_signed_in(user)
    if decision.member_id != user.pk:
        raise NotAllowed(NOT_YOUR_DECISION)
    if _has_appeal(decision):
        raise Conflict(ALREADY_APPEALED)
    if not decision.is_appealable:
        raise DomainError(_("Cette décision ne vous retire rien : il n'y a pas de recours à faire."))


def _has_appeal(decision) -> bool:
    try:
        return decision.appeal is not None
    except Appeal.DoesNotExist:
        return False


def check_settle_appeal(standing: Standing, appeal) -> None:
    """Another role holder than the one who decided, and never the appellant."""
    check_hold_a_role(standing)
    check_settle_appeal_by(standing.user, appeal)


def check_settle_appeal_by(user, appeal) -> None:
    """What holds wherever the appeal is settled, in a group or a moderation scope (whose
    moderators `moderation.scopes` checks): not settled yet, by neither the decider nor the
    appellant."""
    if appeal.is_settled:
        raise Conflict(_("Ce recours a déjà été tranché."))
    if user.pk == appeal.decision.decided_by_id:
        raise NotAllowed(_("Vous avez pris cette décision : un·e autre responsable tranche le recours."))
    if user.pk == appeal.appellant_id:
        raise NotAllowed(_("Ce recours est le vôtre : un·e autre responsable le tranche."))


def check_cancel_removal(standing: Standing, proposal) -> None:
    """The proposer withdraws it, or another holder declines to confirm it; never the member
    it is about (they appeal once it is decided)."""
    check_hold_a_role(standing)
    if standing.user.pk == proposal.member_id:
        raise NotAllowed(REMOVAL_ABOUT_YOU)
    if not proposal.is_pending:
        raise Conflict(REMOVAL_SETTLED)


def check_use_staff_queue(user) -> None:
    """Platform staff see escalated reports only; they act on a group through nothing else."""
    if not (signed_in(user) and user.is_staff):
        raise NotAllowed(STAFF_ONLY)


# --- Between members: private mutes and blocks -------------------------------------------------

def check_write_to(user, other) -> None:
    """Write privately to `other` or mention them: anyone signed in, except someone `other`
    has blocked. The message never says which: nobody learns they were blocked."""
    from .selectors import has_blocked

    check_signed_in(user)
    if other is None or user.pk == other.pk or not other.is_active or other.is_deleted or has_blocked(other, user):
        raise NotAllowed(_("Ce membre ne reçoit pas de message de votre part."))


def check_mute_or_block(user, other) -> None:
    """Another member one meets in a group or a contact circle."""
    from .selectors import shares_a_space

    check_signed_in(user)
    if other is None or user.pk == other.pk or not shares_a_space(user, other):
        raise NotAllowed(NOBODY_TO_SILENCE)


can_hold_a_role = allows(check_hold_a_role)
can_write_in_group = allows(check_write_in_group)
can_propose = allows(check_propose)
can_propose_close = allows(check_propose_close)
can_moderate = allows(check_moderate)
can_confirm_removal = allows(check_confirm_removal)
can_volunteer = allows(check_volunteer)
can_hand_on_role = allows(check_hand_on_role)
can_step_down = allows(check_step_down)
can_object = allows(check_object)
can_withdraw = allows(check_withdraw)
can_view_my_decisions = allows(check_view_my_decisions)
can_appeal = allows(check_appeal)
can_settle_appeal = allows(check_settle_appeal)
can_settle_appeal_by = allows(check_settle_appeal_by)
can_cancel_removal = allows(check_cancel_removal)
can_use_staff_queue = allows(check_use_staff_queue)
can_write_to = allows(check_write_to)
can_mute_or_block = allows(check_mute_or_block)
