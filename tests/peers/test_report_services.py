"""Reports about a listening-line conversation or a pairing go through moderation, in the
programme's scope, with its current coordinators as moderators and nobody else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotAllowed, NotFound
from entraide.selectors.export import user_export
from moderation.models import (
    Appeal,
    DecisionAction,
    GroupMute,
    LogAction,
    MemberWarning,
    ModerationLogEntry,
    Report,
    ReportStatus,
)
from moderation.services.appeals import appeal_file, appeal_settle
from moderation.services.decisions import report_decide, staff_report_decide
from moderation.services.escalation import reports_escalate_due
from moderation.services.reports import report_create
from notifications.models import Notification
from peers.services.line import line_report
from tests.factories import UserFactory

from .line_builders import coordinator, talking
from .pairing_builders import make_pairing

pytestmark = pytest.mark.django_db


def reported_line(category="harassment", note=""):
    conversation, caller, supporter = talking()
    line_report(actor=caller, conversation=conversation, category=category, note=note)
    return Report.objects.get(), conversation, caller, supporter


def test_a_line_report_goes_to_the_programme_scope_about_the_other_person():
    report, conversation, caller, supporter = reported_line(note="Des mots blessants.")
    assert (report.group, report.scope, report.scope_key) == (None, "peers", "fr")
    assert report.target_author == supporter and report.reporter == caller
    assert report.target_kind == "line_conversation" and report.note == "Des mots blessants."
    conversation.refresh_from_db()
    assert conversation.reported and conversation.kept_until is not None


def test_the_supporter_may_report_too_and_the_report_is_then_about_the_caller():
    conversation, caller, supporter = talking()
    line_report(actor=supporter, conversation=conversation, category="safety")
    assert Report.objects.get().target_author == caller


def test_nobody_outside_the_conversation_can_report_it_and_a_group_category_is_needed():
    conversation, caller, _supporter = talking()
    with pytest.raises(NotFound):
        line_report(actor=UserFactory(), conversation=conversation, category="harassment")
    with pytest.raises(NotFound):
        line_report(actor=coordinator(), conversation=conversation, category="harassment")
    with pytest.raises(DomainError):
        line_report(actor=caller, conversation=conversation, category="worry")
    conversation.refresh_from_db()
    assert not Report.objects.exists() and not conversation.reported


def test_a_coordinator_of_the_programme_warns_the_member_privately_and_the_scope_log_says_so():
    report, _conversation, caller, supporter = reported_line()
    watching = coordinator()
    decision = report_decide(actor=watching, report=report, action=DecisionAction.WARN,
                             reason="Restez dans l'écoute, sans jugement.")
    report.refresh_from_db()
    assert report.status == ReportStatus.DECIDED and report.decision == decision
    assert (decision.group, decision.scope, decision.scope_key, decision.member) == (None, "peers", "fr", supporter)
    warning = MemberWarning.objects.get(member=supporter)
    notification = Notification.objects.get(recipient=supporter, kind="moderation_warning")
    assert notification.subject == warning
    entry = ModerationLogEntry.objects.get(action=LogAction.MEMBER_WARNED)
    assert (entry.group, entry.scope, entry.scope_key, entry.actor) == (None, "peers", "fr", watching)
    # Who reported is nowhere in the log, and a warning's words stay between the two.
    assert caller.pseudonym not in str(entry.target_facts) and entry.reason == ""


def test_only_current_coordinators_of_that_language_decide_staff_included():
    report, *_ = reported_line()
    staff = UserFactory(is_staff=True)
    for someone in (UserFactory(), staff, coordinator(language="de")):
        with pytest.raises(NotAllowed):
            report_decide(actor=someone, report=report, action=DecisionAction.DISMISS, reason="Rien à voir.")
    long_gone = coordinator(now=timezone.now() - timedelta(days=400))
    with pytest.raises(NotAllowed):
        report_decide(actor=long_gone, report=report, action=DecisionAction.DISMISS, reason="Rien à voir.")
    # The staff queue only takes what was escalated, and nothing in a scope ever is.
    with pytest.raises(NotAllowed):
        staff_report_decide(actor=staff, report=report, action=DecisionAction.DISMISS, reason="Rien.")
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_what_only_a_group_can_do_is_refused_in_the_programme_and_nothing_changes():
    report, *_ = reported_line()
    watching = coordinator()
    for action, extra in ((DecisionAction.MUTE, {"mute_days": 3}), (DecisionAction.PROPOSE_REMOVAL, {}),
                          (DecisionAction.HIDE, {})):
        with pytest.raises(DomainError):
            report_decide(actor=watching, report=report, action=action, reason="Essai.", **extra)
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN and not GroupMute.objects.exists()
    assert not ModerationLogEntry.objects.exists()


def test_deciding_twice_is_a_conflict():
    report, *_ = reported_line()
    watching = coordinator()
    report_decide(actor=watching, report=report, action=DecisionAction.DISMISS, reason="Malentendu.")
    with pytest.raises(Conflict):
        report_decide(actor=watching, report=report, action=DecisionAction.WARN, reason="Finalement.")


def test_programme_reports_are_never_escalated_to_the_platform_staff():
    report, *_ = reported_line()
    assert reports_escalate_due(now=timezone.now() + timedelta(days=10)) == 0
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_the_warned_member_appeals_once_and_another_coordinator_settles_it():
    report, _conversation, _caller, supporter = reported_line()
    first, second = coordinator(), coordinator()
    decision = report_decide(actor=first, report=report, action=DecisionAction.WARN, reason="Pas de conseils.")
    appeal = appeal_file(actor=supporter, decision=decision, reason="J'ai seulement proposé une ressource.")
    with pytest.raises(Conflict):
        appeal_file(actor=supporter, decision=decision, reason="Encore.")
    with pytest.raises(NotAllowed):
        appeal_settle(actor=first, appeal=appeal, uphold=True, reason="Je l'ai décidé moi-même.")
    with pytest.raises(NotAllowed):
        appeal_settle(actor=UserFactory(), appeal=appeal, uphold=True, reason="Pas coordination.")
    appeal_settle(actor=second, appeal=appeal, uphold=True, reason="Une ressource n'est pas un conseil.")
    assert MemberWarning.objects.get().withdrawn_at is not None
    assert Appeal.objects.get().outcome == "upheld"
    entry = ModerationLogEntry.objects.get(action=LogAction.APPEAL_UPHELD)
    assert (entry.group, entry.scope, entry.actor) == (None, "peers", second)


def test_a_pairing_is_reported_by_either_of_its_two_people_only():
    pairing = make_pairing()
    requester, supporter = pairing.request.requester, pairing.supporter.member
    report = report_create(actor=requester, target=pairing, category="disrespect", note="Il ne répond plus.")
    assert (report.scope, report.scope_key, report.target_author) == ("peers", "fr", supporter)
    with pytest.raises(Conflict):
        report_create(actor=requester, target=pairing, category="disrespect")
    with pytest.raises(NotFound):
        report_create(actor=UserFactory(), target=pairing, category="disrespect")
    assert report_create(actor=supporter, target=pairing, category="other").target_author == requester
    assert Report.objects.count() == 2


def test_the_reporters_export_lists_the_report_under_the_programme():
    report, _conversation, caller, _supporter = reported_line(note="Ma note.")
    [made] = user_export(caller)["reports_made"]
    assert made["note"] == "Ma note." and made["about"] == "line_conversation"
    assert "soutien par les pairs" in made["group"]
