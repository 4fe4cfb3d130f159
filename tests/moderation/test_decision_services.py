from datetime import timedelta

import pytest
from django.utils import timezone

from entraide import permissions as group_permissions
from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.selectors.memberships import is_member
from entraide.standing import read_standing
from moderation import permissions
from moderation.models import (
    DecisionAction,
    GroupMute,
    LogAction,
    MemberWarning,
    ModerationLogEntry,
    RemovalProposal,
    Report,
    ReportDecision,
    ReportStatus,
    RoleKind,
)
from moderation.services.content import content_hide, content_restore
from moderation.services.decisions import report_decide, staff_report_decide
from moderation.services.reports import report_create, worry_raise
from notifications.models import Notification
from tests.factories import UserFactory, join, make_group

from .builders import end_term, give_role
from .report_builders import decided, membership_of, moderator_of, note_by, notes, reported_note  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(notes):
    group = make_group()
    moderator = moderator_of(group, join(group))
    author, reporter = join(group), join(group)
    return group, moderator, author, reporter


def test_hiding_from_the_queue_hides_the_content_and_settles_every_report_about_it(scene, notes):
    group, moderator, author, reporter = scene
    first = reported_note(group, author, reporter)
    second = reported_note(group, author, join(group), category="spam")
    decision = decided(first, moderator)
    assert note_by(author, group).pk in notes
    assert set(Report.objects.values_list("status", "decision")) == {(ReportStatus.DECIDED, decision.pk)}
    assert second.pk in decision.reports.values_list("pk", flat=True)
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.CONTENT_HIDDEN)
    assert (entry.actor_name, entry.role, entry.reason) == (moderator.pseudonym, RoleKind.MODERATOR,
                                                            "Propos blessants envers un membre")
    assert reporter.pseudonym not in f"{entry.target_display} {entry.target_facts} {entry.reason_display}"


def test_dismissing_changes_nothing_but_the_report(scene, notes):
    group, moderator, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator, DecisionAction.DISMISS,
                       "Rien de contraire à la charte")
    assert not notes
    assert ModerationLogEntry.objects.filter(action=LogAction.REPORT_DISMISSED, reason=decision.reason).exists()


def test_a_private_warning_reaches_only_the_member_and_the_log_keeps_its_words_out(scene):
    group, moderator, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator, DecisionAction.WARN,
                       "Merci de parler au « je »")
    warning = MemberWarning.objects.get(decision=decision)
    assert (warning.member, warning.text) == (author, "Merci de parler au « je »")
    [told] = Notification.objects.filter(recipient=author)
    assert (told.kind, told.subject, told.read_at) == ("moderation_warning", warning, None)
    assert not Notification.objects.exclude(recipient=author).exists()
    entry = ModerationLogEntry.objects.get(action=LogAction.MEMBER_WARNED)
    assert entry.reason == ""


@pytest.mark.parametrize("days", [1, 3, 7])
def test_a_muted_member_cannot_write_until_the_mute_ends(scene, days):
    group, moderator, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator, DecisionAction.MUTE, "Insultes",
                       mute_days=days)
    assert decision.mute_until - decision.created_at == timedelta(days=days)
    standing = read_standing(author, group)
    assert standing.muted_until == decision.mute_until
    assert not permissions.can_write_in_group(standing)
    # Being muted never keeps anyone from asking for help.
    assert group_permissions.can_see_members(standing)
    report_create(actor=author, target=membership_of(reporter, group), category="harassment")


@pytest.mark.parametrize("days", [None, 0, 2, 30, "3"])
def test_a_mute_needs_one_of_the_three_durations(scene, days):
    group, moderator, author, reporter = scene
    report = reported_note(group, author, reporter)
    with pytest.raises(DomainError, match="1, 3 ou 7 jours"):
        decided(report, moderator, DecisionAction.MUTE, "Insultes", mute_days=days)
    assert not GroupMute.objects.exists()
    assert Report.objects.get().status == ReportStatus.OPEN


def test_proposing_removal_from_the_queue_opens_a_removal_waiting_for_a_second_holder(scene):
    group, moderator, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator, DecisionAction.PROPOSE_REMOVAL,
                       "Harcèlement répété")
    proposal = RemovalProposal.objects.get(decision=decision)
    assert (proposal.member, proposal.proposed_by, proposal.is_pending) == (author, moderator, True)
    assert is_member(author, group)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_every_decision_needs_a_reason(scene, reason, notes):
    group, moderator, author, reporter = scene
    report = reported_note(group, author, reporter)
    with pytest.raises(DomainError, match="besoin d'une raison"):
        decided(report, moderator, DecisionAction.HIDE, reason)
    assert not notes
    assert not ReportDecision.objects.exists()
    assert Report.objects.get().status == ReportStatus.OPEN


@pytest.mark.parametrize("action", ["delete", "", "ban", None])
def test_an_unknown_action_is_refused(scene, action):
    group, moderator, author, reporter = scene
    report = reported_note(group, author, reporter)
    with pytest.raises(DomainError, match="Choisissez une décision"):
        decided(report, moderator, action)
    assert not ReportDecision.objects.exists()


def test_a_decided_report_cannot_be_decided_again(scene):
    group, moderator, author, reporter = scene
    report = reported_note(group, author, reporter)
    decided(report, moderator)
    with pytest.raises(Conflict, match="déjà été traité"):
        decided(report, moderator, DecisionAction.WARN)
    assert ReportDecision.objects.count() == 1


def test_only_current_moderators_decide(scene):
    group, moderator, author, reporter = scene
    report = reported_note(group, author, reporter)
    host = give_role(group, join(group), RoleKind.HOST)
    for actor in (host, join(group), UserFactory(is_staff=True), end_term(group, moderator)):
        with pytest.raises(NotAllowed) as refused:
            decided(report, actor)
        assert refused.value.message == permissions.MODERATORS_ONLY
    assert not ReportDecision.objects.exists()


def test_a_moderator_does_not_decide_a_report_about_their_own_content(scene):
    group, moderator, author, reporter = scene
    report = reported_note(group, moderator, reporter)
    with pytest.raises(NotAllowed, match="un·e autre modérateur·rice"):
        decided(report, moderator)


def test_a_moderator_of_another_group_cannot_decide(scene):
    group, moderator, author, reporter = scene
    report = reported_note(group, author, reporter)
    other = make_group(moderator, name="Un autre groupe")
    assert read_standing(moderator, other).holds(RoleKind.MODERATOR)
    elsewhere = moderator_of(other, join(other))
    with pytest.raises(NotAllowed):
        decided(report, elsewhere)


def test_a_member_report_cannot_be_hidden_and_a_group_report_names_nobody(scene):
    group, moderator, author, reporter = scene
    about_member = report_create(actor=reporter, target=membership_of(author, group), category="harassment")
    with pytest.raises(DomainError, match="ne peut pas être masqué"):
        decided(about_member, moderator, DecisionAction.HIDE)
    about_group = report_create(actor=reporter, target=group, category="other")
    with pytest.raises(DomainError, match="ne vise personne"):
        decided(about_group, moderator, DecisionAction.WARN)


def test_a_worry_is_closed_with_a_word_and_never_logged():
    group = make_group()
    moderator = moderator_of(group, join(group))
    member = join(group)
    report = worry_raise(actor=member, group=group)
    with pytest.raises(DomainError):
        report_decide(actor=moderator, report=report, action=DecisionAction.MUTE, reason="x", mute_days=1)
    report_decide(actor=moderator, report=report, action=DecisionAction.DISMISS, reason="Je lui ai écrit")
    assert not ModerationLogEntry.objects.filter(action=LogAction.REPORT_DISMISSED).exists()


def test_staff_decide_escalated_reports_only_and_every_action_is_logged(scene, notes):
    group, moderator, author, reporter = scene
    staff = UserFactory(is_staff=True)
    report = reported_note(group, author, reporter)
    with pytest.raises(NotAllowed, match="transmis"):
        staff_report_decide(actor=staff, report=report, action=DecisionAction.HIDE, reason="x")
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.ESCALATED, escalated_at=timezone.now())
    report.refresh_from_db()
    with pytest.raises(NotAllowed):
        staff_report_decide(actor=moderator, report=report, action=DecisionAction.HIDE, reason="x")
    with pytest.raises(DomainError, match="deux responsables"):
        staff_report_decide(actor=staff, report=report, action=DecisionAction.PROPOSE_REMOVAL, reason="x")
    decision = staff_report_decide(actor=staff, report=report, action=DecisionAction.HIDE,
                                   reason="Contraire à la charte")
    assert decision.by_staff
    assert note_by(author, group).pk in notes
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.STAFF_ACTION)
    assert entry.actor_name == staff.pseudonym
    assert "Contraire à la charte" in entry.reason


def test_moderators_hide_and_restore_content_directly_with_a_reason(scene, notes):
    group, moderator, author, reporter = scene
    note = note_by(author, group)
    content_hide(actor=moderator, target=note, reason="Hors sujet")
    assert note.pk in notes
    content_restore(actor=moderator, target=note, reason="Remis après discussion")
    assert note.pk not in notes
    assert list(ModerationLogEntry.objects.filter(group=group, action__in=[
        LogAction.CONTENT_HIDDEN, LogAction.CONTENT_RESTORED]).values_list("action", flat=True)) == [
        LogAction.CONTENT_RESTORED, LogAction.CONTENT_HIDDEN]


def test_hiding_needs_a_reason_and_a_current_moderator(scene, notes):
    group, moderator, author, reporter = scene
    note = note_by(author, group)
    with pytest.raises(DomainError, match="raison"):
        content_hide(actor=moderator, target=note, reason=" ")
    with pytest.raises(NotAllowed):
        content_hide(actor=reporter, target=note, reason="Hors sujet")
    with pytest.raises(DomainError, match="ne peut pas être masqué"):
        content_hide(actor=moderator, target=membership_of(author, group), reason="Hors sujet")
    assert not notes
