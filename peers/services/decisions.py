"""A programme's consent decisions, as in groups (moderation.services.proposals): a proposal
takes effect when CONSENT_WINDOW closes, unless a participant objects, which blocks it at once.

Confirming a supporter is proposed by a coordinator after the check-in; changing the guidelines
by any participant. Only the task worker settles (peers.tasks), never a page."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError
from moderation.models import CONSENT_WINDOW, REASON_MAX_LENGTH

from .. import notifying
from ..models import (
    GUIDELINES_MAX_LENGTH,
    Programme,
    ProgrammeObjection,
    ProgrammeProposal,
    ProgrammeProposalKind,
    ProgrammeProposalStatus,
    Supporter,
)
from ..permissions import (
    check_object_proposal,
    check_propose_confirmation,
    check_take_part,
    check_withdraw_proposal,
)
from ..selectors.coordinators import programme_coordinated_for


def _open(*, actor, programme, kind, now, **fields) -> ProgrammeProposal:
    proposal = ProgrammeProposal.objects.create(programme=programme, kind=kind, proposer=actor, created_at=now,
                                                decides_at=now + CONSENT_WINDOW, **fields)
    transaction.on_commit(lambda: _settle_later(proposal.decides_at))
    transaction.on_commit(lambda: notifying.proposal_opened(proposal))
    return proposal


def _settle_later(when) -> None:
    """Ask the task worker to settle when the window closes; the periodic task is the safety net
    for a task that was lost."""
    from ..tasks import settle_programme_proposals

    if settle_programme_proposals.get_backend().supports_defer:
        settle_programme_proposals.using(run_after=when).enqueue()


@transaction.atomic
def supporter_confirmation_propose(*, actor, supporter, now=None) -> ProgrammeProposal:
    now = now or timezone.now()
    supporter = Supporter.objects.select_for_update().get(pk=supporter.pk)
    check_propose_confirmation(actor, supporter, now=now)
    programme = programme_coordinated_for(actor, supporter, now)
    return _open(actor=actor, programme=programme, kind=ProgrammeProposalKind.CONFIRM_SUPPORTER,
                 supporter=supporter, now=now)


@transaction.atomic
def guidelines_change_propose(*, actor, programme, guidelines_text, now=None) -> ProgrammeProposal:
    now = now or timezone.now()
    check_take_part(actor, programme, now=now)
    guidelines_text = (guidelines_text or "").strip()
    if not guidelines_text:
        raise DomainError(_("Écrivez les lignes directrices telles que vous les proposez."))
    if len(guidelines_text) > GUIDELINES_MAX_LENGTH:
        raise DomainError(_("Les lignes directrices ne peuvent pas dépasser %(max)s caractères.")
                          % {"max": GUIDELINES_MAX_LENGTH})
    if guidelines_text == programme.guidelines:
        raise DomainError(_("Ce texte est celui des lignes directrices actuelles : changez-le pour faire une "
                            "proposition."))
    if ProgrammeProposal.objects.filter(programme=programme, proposer=actor, status=ProgrammeProposalStatus.OPEN,
                                        kind=ProgrammeProposalKind.CHANGE_GUIDELINES).exists():
        raise Conflict(_("Votre proposition de lignes directrices est déjà en consultation ; retirez-la pour en "
                         "faire une autre."))
    return _open(actor=actor, programme=programme, kind=ProgrammeProposalKind.CHANGE_GUIDELINES,
                 guidelines_text=guidelines_text, guidelines_version=programme.guidelines_version, now=now)


def _locked(proposal) -> ProgrammeProposal:
    return (ProgrammeProposal.objects.select_for_update(of=("self",)).select_related("programme")
            .get(pk=proposal.pk))


@transaction.atomic
def programme_proposal_object(*, actor, proposal, reason, now=None) -> ProgrammeObjection:
    """An objection with its reason keeps the proposal from taking effect."""
    now = now or timezone.now()
    proposal = _locked(proposal)
    check_object_proposal(actor, proposal, now=now)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Dites en quelques mots pourquoi vous objectez : le programme en a besoin pour avancer."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("La raison ne peut pas dépasser %(max)s caractères.") % {"max": REASON_MAX_LENGTH})
    if proposal.objections.filter(member=actor).exists():
        raise Conflict(_("Vous avez déjà objecté à cette proposition."))
    objection = ProgrammeObjection.objects.create(proposal=proposal, member=actor, reason=reason, created_at=now)
    if proposal.status == ProgrammeProposalStatus.OPEN:
        proposal.status, proposal.settled_at = ProgrammeProposalStatus.BLOCKED, now
        proposal.save(update_fields=["status", "settled_at"])
    return objection


@transaction.atomic
def programme_proposal_withdraw(*, actor, proposal, now=None) -> ProgrammeProposal:
    now = now or timezone.now()
    proposal = _locked(proposal)
    check_withdraw_proposal(actor, proposal, now=now)
    proposal.status, proposal.settled_at = ProgrammeProposalStatus.WITHDRAWN, now
    proposal.save(update_fields=["status", "settled_at"])
    return proposal


def programme_proposals_settle_due(*, programme=None, proposal=None, now=None) -> int:
    """Adopt every open proposal whose window has closed (an objection already blocked the
    others), or only those of `programme`, or only `proposal` if it is due. Safe to run any
    number of times, side by side: each proposal is settled under its lock. Nobody acts: the
    decision is the programme's. Returns how many took effect."""
    now = now or timezone.now()
    due = ProgrammeProposal.objects.filter(status=ProgrammeProposalStatus.OPEN, decides_at__lte=now)
    if programme is not None:
        due = due.filter(programme=programme)
    if proposal is not None:
        due = due.filter(pk=proposal.pk)
    adopted = 0
    for pk in due.order_by("decides_at", "pk").values_list("pk", flat=True):
        with transaction.atomic():
            proposal = ProgrammeProposal.objects.select_for_update(of=("self",)).get(pk=pk)
            if proposal.status != ProgrammeProposalStatus.OPEN or proposal.decides_at > now:
                continue
            adopted += _take_effect(proposal, now)
    return adopted


def _take_effect(proposal, when) -> int:
    if proposal.kind == ProgrammeProposalKind.CONFIRM_SUPPORTER:
        took_effect = _confirm(proposal, when)
    else:
        took_effect = _change_guidelines(proposal)
    proposal.status = ProgrammeProposalStatus.ADOPTED if took_effect else ProgrammeProposalStatus.LAPSED
    proposal.settled_at = when
    proposal.save(update_fields=["status", "settled_at"])
    return 1 if took_effect else 0


def _confirm(proposal, when) -> bool:
    """Lapses if the supporter left, no longer offers the programme's language, or was confirmed
    meanwhile."""
    supporter = (Supporter.objects.select_for_update().filter(pk=proposal.supporter_id, confirmed_at__isnull=True,
                                                              languages__language=proposal.programme.language)
                 .first())
    if supporter is None:
        return False
    supporter.confirmed_at, supporter.confirmed_by_id = when, proposal.proposer_id
    supporter.save(update_fields=["confirmed_at", "confirmed_by"])
    return True


def _change_guidelines(proposal) -> bool:
    """Lapses if another change was adopted since the proposal was made."""
    return bool(Programme.objects.filter(pk=proposal.programme_id, guidelines_version=proposal.guidelines_version)
                .update(guidelines=proposal.guidelines_text, guidelines_version=F("guidelines_version") + 1))
