import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.standing import read_standing
from moderation import permissions
from moderation.models import (
    Appeal,
    AppealOutcome,
    DecisionAction,
    GroupBan,
    LogAction,
    MemberWarning,
    ModerationLogEntry,
    RoleKind,
)
from moderation.services.appeals import appeal_file, appeal_settle
from moderation.services.removal import removal_confirm
from tests.factories import UserFactory, join, make_group

from .builders import end_term, give_role
from .report_builders import decided, moderator_of, note_by, notes, reported_note  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(notes):
    group = make_group()
    moderator = moderator_of(group, join(group))
    host = give_role(group, join(group), RoleKind.HOST)
    author, reporter = join(group), join(group)
    return group, moderator, host, author, reporter


def test_the_author_appeals_and_another_holder_upholds_which_restores_the_content(scene, notes):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator)
    assert note_by(author, group).pk in notes
    appeal = appeal_file(actor=author, decision=decision, reason="C'était une citation")
    settled = appeal_settle(actor=host, appeal=appeal, uphold=True, reason="Le contexte le justifie")
    assert settled.outcome == AppealOutcome.UPHELD
    assert note_by(author, group).pk not in notes
    decision.refresh_from_db()
    assert decision.undone_at is not None
    entry = ModerationLogEntry.objects.get(action=LogAction.APPEAL_UPHELD)
    assert (entry.actor_name, entry.reason) == (host.pseudonym, "Le contexte le justifie")


def test_a_rejected_appeal_leaves_the_decision_standing(scene, notes):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator)
    appeal = appeal_file(actor=author, decision=decision, reason="Je conteste")
    appeal_settle(actor=host, appeal=appeal, uphold=False, reason="Le message blessait")
    assert note_by(author, group).pk in notes
    assert ModerationLogEntry.objects.filter(action=LogAction.APPEAL_REJECTED).exists()


def test_upholding_lifts_a_mute(scene):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator, DecisionAction.MUTE, "Insultes", mute_days=7)
    appeal_settle(actor=host, appeal=appeal_file(actor=author, decision=decision, reason="Malentendu"),
                  uphold=True, reason="Malentendu reconnu")
    assert permissions.can_write_in_group(read_standing(author, group))


def test_upholding_withdraws_a_warning(scene):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator, DecisionAction.WARN, "Parlez au « je »")
    appeal_settle(actor=host, appeal=appeal_file(actor=author, decision=decision, reason="Je parlais de moi"),
                  uphold=True, reason="En effet")
    assert MemberWarning.objects.get(decision=decision).withdrawn_at is not None


def test_upholding_after_a_confirmed_removal_lets_the_member_join_again(scene):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator, DecisionAction.PROPOSE_REMOVAL, "Harcèlement")
    removal_confirm(actor=host, proposal=decision.removals.get(), reason="Confirmé après lecture")
    assert read_standing(author, group).is_removed
    appeal = appeal_file(actor=author, decision=decision, reason="Ce n'était pas moi")
    third = give_role(group, join(group), RoleKind.WELCOME)
    appeal_settle(actor=third, appeal=appeal, uphold=True, reason="Compte usurpé, vérifié")
    assert not GroupBan.objects.filter(lifted_at__isnull=True).exists()
    join(group, author)


def test_only_the_affected_member_appeals(scene):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator)
    for actor in (reporter, host, UserFactory(is_staff=True)):
        with pytest.raises(NotAllowed, match="personne concernée"):
            appeal_file(actor=actor, decision=decision, reason="Non")
    assert not Appeal.objects.exists()


def test_a_member_appeals_once(scene):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator)
    appeal_file(actor=author, decision=decision, reason="Première fois")
    with pytest.raises(Conflict, match="qu'une fois"):
        appeal_file(actor=author, decision=decision, reason="Deuxième fois")
    assert Appeal.objects.count() == 1


def test_a_dismissal_cannot_be_appealed_and_an_appeal_needs_a_reason(scene):
    group, moderator, host, author, reporter = scene
    dismissal = decided(reported_note(group, author, reporter), moderator, DecisionAction.DISMISS, "Rien à redire")
    with pytest.raises(DomainError, match="ne vous retire rien"):
        appeal_file(actor=author, decision=dismissal, reason="Je veux revoir ça")
    hidden = decided(reported_note(group, author, join(group), category="spam"), moderator)
    with pytest.raises(DomainError, match="pourquoi"):
        appeal_file(actor=author, decision=hidden, reason="  ")
    assert not Appeal.objects.exists()


def test_the_holder_who_decided_does_not_settle_the_appeal(scene, notes):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator)
    appeal = appeal_file(actor=author, decision=decision, reason="Je conteste")
    with pytest.raises(NotAllowed, match="un·e autre responsable"):
        appeal_settle(actor=moderator, appeal=appeal, uphold=True, reason="Je me suis trompé·e")
    for actor in (reporter, UserFactory(is_staff=True), end_term(group, host)):
        with pytest.raises(NotAllowed):
            appeal_settle(actor=actor, appeal=appeal, uphold=True, reason="Oui")
    appeal.refresh_from_db()
    assert not appeal.is_settled
    assert note_by(author, group).pk in notes


def test_an_appeal_is_settled_once_and_with_a_reason(scene):
    group, moderator, host, author, reporter = scene
    appeal = appeal_file(actor=author, decision=decided(reported_note(group, author, reporter), moderator),
                         reason="Je conteste")
    with pytest.raises(DomainError, match="raison"):
        appeal_settle(actor=host, appeal=appeal, uphold=True, reason="")
    appeal_settle(actor=host, appeal=appeal, uphold=False, reason="Maintenu")
    with pytest.raises(Conflict):
        appeal_settle(actor=host, appeal=appeal, uphold=True, reason="Finalement non")
