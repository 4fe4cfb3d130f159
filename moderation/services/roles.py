"""Taking on, handing on and starting roles."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import Group
from entraide.selectors.memberships import is_member
from entraide.standing import read_standing

from .. import permissions
from ..models import (
    CORE_ROLES,
    OPTIONAL_ROLES,
    GroupRoleSettings,
    LogAction,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RoleHolding,
    RoleKind,
)
from .checks import CHOOSE_A_MEMBER, UNKNOWN_ROLE
from .holdings import holding_start, holdings_end
from .log import log_entry_write
from .proposals import proposal_open


def _known(role) -> None:
    if role not in RoleKind.values:
        raise DomainError(UNKNOWN_ROLE)


@transaction.atomic
def roles_grant_founder(*, actor, group, now=None) -> list[RoleHolding]:
    """The creator starts with the four roles, for a normal term, so no group starts without them."""
    now = now or timezone.now()
    if group.created_by_id != actor.pk or not read_standing(actor, group).is_member:
        raise NotAllowed(_("Seule la personne qui crée le groupe reçoit les rôles de départ."))
    if RoleHolding.objects.filter(group=group).exists():
        raise Conflict(_("Les rôles de ce groupe ont déjà été attribués."))
    holdings = [holding_start(group=group, user=actor, role=role, now=now) for role in CORE_ROLES]
    log_entry_write(actor=actor, group=group, action=LogAction.FOUNDING_ROLES, target=actor, now=now)
    return holdings


@transaction.atomic
def role_volunteer(*, actor, group, role, now=None) -> RoleHolding | Proposal:
    """A role nobody holds is taken at once; otherwise the group is asked by consent."""
    now = now or timezone.now()
    _known(role)
    # Serialise volunteers of one group, so two people cannot both be "the first"; the standing
    # is read under that lock, so a role just taken by the same member is seen.
    Group.objects.select_for_update().filter(pk=group.pk).first()
    permissions.check_volunteer(read_standing(actor, group), role)
    holders = RoleHolding.objects.current(now).filter(group=group, role=role)
    if Proposal.objects.filter(
        group=group, proposer=actor, kind=ProposalKind.TAKE_ROLE, role=role, status=ProposalStatus.OPEN
    ).exists():
        raise Conflict(_("Votre proposition pour ce rôle est déjà en consultation."))
    if not holders.filter(user__memberships__group=group).exists():
        holding = holding_start(group=group, user=actor, role=role, now=now)
        log_entry_write(actor=actor, group=group, action=LogAction.ROLE_TAKEN, role=role,
                        target=actor, now=now)
        return holding
    return proposal_open(actor=actor, group=group, kind=ProposalKind.TAKE_ROLE, role=role, now=now)


@transaction.atomic
def role_hand_on(*, actor, group, role, to_member, now=None) -> Proposal:
    now = now or timezone.now()
    _known(role)
    permissions.check_hand_on_role(read_standing(actor, group), role)
    if to_member is None or not is_member(to_member, group):
        raise DomainError(CHOOSE_A_MEMBER)
    if to_member.pk == actor.pk:
        raise DomainError(_("Choisissez un autre membre que vous."))
    if RoleHolding.objects.current(now).filter(group=group, role=role, user=to_member).exists():
        raise Conflict(_("Cette personne tient déjà ce rôle."))
    if Proposal.objects.filter(
        group=group, proposer=actor, kind=ProposalKind.HAND_ON_ROLE, role=role, status=ProposalStatus.OPEN
    ).exists():
        raise Conflict(_("Vous avez déjà proposé de transmettre ce rôle ; la proposition est en consultation."))
    return proposal_open(actor=actor, group=group, kind=ProposalKind.HAND_ON_ROLE, role=role, target=to_member, now=now)


@transaction.atomic
def role_step_down(*, actor, group, role, now=None) -> None:
    """Nobody is held to a role: a holder may leave it before the term ends, without asking."""
    now = now or timezone.now()
    _known(role)
    permissions.check_step_down(read_standing(actor, group), role)
    if not holdings_end(group=group, user=actor, role=role, now=now):
        raise Conflict(_("Votre mandat vient de commencer : attendez une minute pour le quitter."))
    log_entry_write(actor=actor, group=group, action=LogAction.ROLE_STEPPED_DOWN, role=role,
                    target=actor, now=now)


@transaction.atomic
def group_functions_set(*, actor, group, logistics: bool, speakers: bool, now=None) -> GroupRoleSettings:
    """Switch on or off the optional functions of seed 003 (logistics, speaker coordination)."""
    now = now or timezone.now()
    permissions.check_hold_a_role(read_standing(actor, group))
    settings, _created = GroupRoleSettings.objects.select_for_update().get_or_create(group=group)
    wanted = {RoleKind.LOGISTICS: bool(logistics), RoleKind.SPEAKERS: bool(speakers)}
    before = set(settings.enabled_roles())
    settings.logistics_enabled = wanted[RoleKind.LOGISTICS]
    settings.speakers_enabled = wanted[RoleKind.SPEAKERS]
    settings.save()
    group.role_settings = settings
    changed = before.symmetric_difference(settings.enabled_roles())
    for role in OPTIONAL_ROLES:
        if role in changed:
            action = LogAction.FUNCTION_ENABLED if wanted[role] else LogAction.FUNCTION_DISABLED
            log_entry_write(actor=actor, group=group, action=action, role=role, now=now)
    return settings
