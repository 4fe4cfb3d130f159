"""Who takes part in a programme's consent decisions, and who grants coordinator terms.

A proposal is not health data: anyone may learn it exists, but only participants (current
coordinators, confirmed supporters offering the programme's language, paused or not) propose
and object; others get a 403 with a message. Staff have no say unless they hold a term; their one
power is granting a term, which a programme's coordinators may also do (rotation)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.errors import Conflict, DomainError, NotAllowed, allows

from ..models import CoordinatorTerm, ProgrammeProposalStatus
from ..selectors.coordinators import is_coordinator, programme_coordinated_for, takes_part

NOT_A_PARTICIPANT = _("Seules la coordination et les pairs aidant·e·s confirmé·e·s du programme prennent part "
                      "à ses décisions.")
CONSULTATION_CLOSED = _("Cette proposition n'est plus en consultation.")
OWN_PROPOSAL = _("C'est votre proposition : vous pouvez la retirer plutôt que d'y objecter.")


def check_take_part(actor, programme, *, now=None) -> None:
    if not takes_part(actor, programme, now):
        raise NotAllowed(NOT_A_PARTICIPANT)


def check_grant_term(actor, programme, member, starts_at, ends_at, *, now=None) -> None:
    now = now or timezone.now()
    if not getattr(actor, "is_authenticated", False) or not (actor.is_staff or is_coordinator(actor, programme, now)):
        raise NotAllowed(_("Seuls le personnel du centre et la coordination du programme attribuent un mandat "
                           "de coordination."))
    if not member.is_active:
        raise DomainError(_("Ce compte n'est plus actif."))
    if ends_at <= starts_at:
        raise DomainError(_("Un mandat finit après son début."))
    if ends_at <= now:
        raise DomainError(_("Ce mandat serait déjà terminé : choisissez une fin à venir."))
    if CoordinatorTerm.objects.filter(programme=programme, member=member, starts_at__lt=ends_at,
                                      ends_at__gt=starts_at).exists():
        raise Conflict(_("Cette personne a déjà un mandat de coordination du programme sur cette période."))


def check_propose_confirmation(actor, supporter, *, now=None) -> None:
    if programme_coordinated_for(actor, supporter, now) is None:
        raise NotAllowed(_("Seule la coordination d'un programme dans une langue que propose cette personne "
                           "peut proposer de la confirmer."))
    if supporter.member_id == actor.pk:
        raise NotAllowed(_("Une autre personne de la coordination peut proposer votre confirmation."))
    if supporter.confirmed_at:
        raise Conflict(_("Cette personne est déjà confirmée."))
    if not supporter.checked_in_at:
        raise Conflict(_("La confirmation se propose après l'entretien avec la coordination."))
    if supporter.confirmation_proposals.filter(status=ProgrammeProposalStatus.OPEN).exists():
        raise Conflict(_("Une proposition de confirmer cette personne est déjà en consultation."))


def check_object_proposal(actor, proposal, *, now=None) -> None:
    """Any participant but the proposer (who withdraws instead), while the window is open; as in
    groups, one may still add an objection to a proposal another objection has blocked."""
    now = now or timezone.now()
    check_take_part(actor, proposal.programme, now=now)
    if proposal.status not in (ProgrammeProposalStatus.OPEN, ProgrammeProposalStatus.BLOCKED) \
            or now >= proposal.decides_at:
        raise Conflict(CONSULTATION_CLOSED)
    if actor.pk == proposal.proposer_id:
        raise NotAllowed(OWN_PROPOSAL)


def check_withdraw_proposal(actor, proposal, *, now=None) -> None:
    if actor.pk != proposal.proposer_id:
        raise NotAllowed(_("Seule la personne qui a fait la proposition peut la retirer."))
    if proposal.status != ProgrammeProposalStatus.OPEN or (now or timezone.now()) >= proposal.decides_at:
        raise Conflict(CONSULTATION_CLOSED)


can_take_part = allows(check_take_part)
can_propose_confirmation = allows(check_propose_confirmation)
can_object_proposal = allows(check_object_proposal)
can_withdraw_proposal = allows(check_withdraw_proposal)
