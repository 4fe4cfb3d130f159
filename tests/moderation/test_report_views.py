import html

import pytest

from moderation.models import (
    Appeal,
    AppealOutcome,
    DecisionAction,
    LogAction,
    MemberWarning,
    ModerationLogEntry,
    Report,
    ReportDecision,
    ReportStatus,
    RoleKind,
)
from moderation.permissions import MODERATORS_ONLY, STAFF_ONLY
from moderation.services.reports import report_create
from notifications.models import Notification
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group
from tests.queries import SESSION_QUERIES

from .builders import end_term, give_role
from .report_builders import decided, membership_of, moderator_of, note_by, notes, reported_note

pytestmark = pytest.mark.django_db

QUEUE_QUERIES = SESSION_QUERIES + 4  # the member, the group with their standing, the reports, the inbox badge


def text(response) -> str:
    return html.unescape(response.content.decode())


def as_(client, user):
    client.logout()
    client.force_login(user)
    return client


def report_url(group, kind, pk):
    return f"/groups/{group.slug}/report/{kind}/{pk}/"


@pytest.fixture
def scene(notes):
    group = make_group()
    moderator = moderator_of(group, join(group))
    host = give_role(group, join(group), RoleKind.HOST)
    author, reporter = join(group), join(group)
    return group, moderator, host, author, reporter


def test_a_report_is_hidden_from_the_queue_logged_without_the_reporter_appealed_and_settled(client, scene, notes):
    group, moderator, host, author, reporter = scene
    note = note_by(author, group)
    page = as_(client, reporter).get(report_url(group, "note", note.pk))
    assert page.status_code == 200
    assert_valid_html(page)
    response = client.post(report_url(group, "note", note.pk), {"category": "harassment", "note": "Trois fois"})
    assert response.status_code == 302
    assert "la personne concernée ne saura pas qui a signalé" in text(client.get(response["Location"]))

    queue = as_(client, moderator).get(f"/groups/{group.slug}/queue/")
    assert_valid_html(queue)
    body = text(queue)
    assert f"Message de {author.pseudonym}" in body and "Harcèlement" in body and "Trois fois" in body
    assert reporter.pseudonym not in body
    report = Report.objects.get()
    response = client.post(f"/groups/{group.slug}/queue/{report.pk}/decide/",
                           {"action": "hide", "reason": "Propos blessants répétés"})
    assert response.status_code == 302
    assert note.pk in notes

    log = text(as_(client, join(group)).get(f"/groups/{group.slug}/log/"))
    assert "Contenu masqué" in log and "Propos blessants répétés" in log and moderator.pseudonym in log
    assert reporter.pseudonym not in log

    mine = as_(client, author).get(f"/groups/{group.slug}/my-decisions/")
    assert_valid_html(mine)
    assert reporter.pseudonym not in text(mine)
    decision = ReportDecision.objects.get()
    response = client.post(f"/groups/{group.slug}/decisions/{decision.pk}/appeal/", {"reason": "C'était une citation"})
    assert response.status_code == 302

    appeals = as_(client, moderator).get(f"/groups/{group.slug}/appeals/")
    assert "Une autre personne que celle qui a décidé tranchera" in text(appeals)
    appeal = Appeal.objects.get()
    forged = client.post(f"/groups/{group.slug}/appeals/{appeal.pk}/settle/", {"outcome": "uphold", "reason": "Oui"})
    assert forged.status_code == 403
    assert "un·e autre responsable tranche le recours" in text(forged)

    page = as_(client, host).get(f"/groups/{group.slug}/appeals/")
    assert_valid_html(page)
    response = client.post(f"/groups/{group.slug}/appeals/{appeal.pk}/settle/",
                           {"outcome": "uphold", "reason": "Le contexte le justifie"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.settled_by) == (AppealOutcome.UPHELD, host)
    assert note.pk not in notes


@pytest.mark.parametrize("data", [
    {"category": "worry"}, {"category": "insulte"}, {}, {"category": "spam", "note": "x" * 2001},
])
def test_forged_report_fields_get_a_clear_message_and_store_nothing(client, scene, data):
    group, moderator, host, author, reporter = scene
    response = as_(client, reporter).post(report_url(group, "note", note_by(author, group).pk), data)
    assert response.status_code == 400
    assert_valid_html(response)
    assert "errorlist" in text(response)
    assert not Report.objects.exists()


@pytest.mark.parametrize("kind,object_id", [("post-secret", 1), ("note", 999999), ("member", 999999)])
def test_unknown_kinds_and_objects_answer_404(client, scene, kind, object_id):
    group, moderator, host, author, reporter = scene
    assert as_(client, reporter).get(report_url(group, kind, object_id)).status_code == 404
    assert client.post(report_url(group, kind, object_id), {"category": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_content_of_another_group_cannot_be_reported_through_this_group(client, scene):
    group, moderator, host, author, reporter = scene
    other = make_group(name="Un autre groupe")
    stranger = join(other)
    join(other, reporter)
    response = as_(client, reporter).post(report_url(group, "note", note_by(stranger, other).pk), {"category": "spam"})
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_reporting_oneself_and_twice_get_a_clear_message(client, scene):
    group, moderator, host, author, reporter = scene
    as_(client, reporter)
    own = client.post(report_url(group, "member", membership_of(reporter, group).pk), {"category": "other"})
    assert own.status_code == 400
    assert "vous ne pouvez pas vous signaler vous-même" in text(own)
    target = report_url(group, "member", membership_of(author, group).pk)
    assert client.post(target, {"category": "harassment"}).status_code == 302
    twice = client.post(target, {"category": "spam"})
    assert twice.status_code == 409
    assert "déjà signalé" in text(twice)
    assert Report.objects.count() == 1


def test_a_worry_is_raised_from_a_plain_form(client, scene):
    group, moderator, host, author, reporter = scene
    response = as_(client, author).post(f"/groups/{group.slug}/worry/", {"note": "Nuit difficile"})
    assert response.status_code == 302
    assert "Les pairs aidant·es du groupe sont prévenu·es" in text(client.get(response["Location"]))
    assert Report.objects.get().category == "worry"
    assert as_(client, UserFactory()).post(f"/groups/{group.slug}/worry/", {"note": ""}).status_code == 403


@pytest.mark.parametrize("data,message", [
    ({"action": "hide", "reason": ""}, "besoin d'une raison"),
    ({"action": "hide", "reason": "   "}, "besoin d'une raison"),
    ({"action": "erase", "reason": "Spam"}, "Choisissez une décision"),
    ({"action": "mute", "mute_days": "9", "reason": "Insultes"}, "1, 3 ou 7 jours"),
    ({"action": "mute", "reason": "Insultes"}, "1, 3 ou 7 jours"),
])
def test_a_bad_decision_gets_a_clear_message_keeps_the_reason_and_stores_nothing(client, scene, notes, data, message):
    group, moderator, host, author, reporter = scene
    report = reported_note(group, author, reporter)
    response = as_(client, moderator).post(f"/groups/{group.slug}/queue/{report.pk}/decide/", data)
    assert response.status_code == 400
    assert_valid_html(response)
    assert message in text(response)
    assert data["reason"].strip() in text(response)
    assert not ReportDecision.objects.exists()
    assert not notes


def test_a_report_of_another_group_is_not_decided_through_this_one(client, scene):
    group, moderator, host, author, reporter = scene
    other = make_group(moderator, name="Un autre groupe")
    report = report_create(actor=join(other), target=membership_of(join(other), other), category="spam")
    response = as_(client, moderator).post(f"/groups/{group.slug}/queue/{report.pk}/decide/",
                                           {"action": "dismiss", "reason": "Rien"})
    assert response.status_code == 404
    assert Report.objects.get().status == ReportStatus.OPEN


def test_a_moderator_whose_term_ended_is_refused(client, scene):
    group, moderator, host, author, reporter = scene
    report = reported_note(group, author, reporter)
    end_term(group, moderator)
    response = as_(client, moderator).post(f"/groups/{group.slug}/queue/{report.pk}/decide/",
                                           {"action": "dismiss", "reason": "Rien"})
    assert response.status_code == 403
    assert str(MODERATORS_ONLY) in text(response)
    assert not ReportDecision.objects.exists()
    page = client.get(f"/groups/{group.slug}/queue/")
    assert page.status_code == 403
    assert_valid_html(page)
    assert str(MODERATORS_ONLY) in text(page)


def test_the_queue_page_reads_in_a_fixed_number_of_queries(client, scene, django_assert_num_queries, no_flood_limits):
    group, moderator, host, author, reporter = scene
    reported_note(group, author, reporter)
    as_(client, moderator)
    with django_assert_num_queries(QUEUE_QUERIES):
        assert client.get(f"/groups/{group.slug}/queue/").status_code == 200
    for _ in range(4):
        writer = join(group)
        reported_note(group, writer, reporter, note="Encore")
        reported_note(group, writer, join(group), category="spam")
    report_create(actor=reporter, target=group, category="other")
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(f"/groups/{group.slug}/queue/")
    assert text(response).count("Enregistrer la décision") == 6


def test_a_queue_item_counts_its_reports_and_shows_no_reporter(client, scene):
    group, moderator, host, author, reporter = scene
    second = join(group)
    reported_note(group, author, reporter, note="Première note")
    reported_note(group, author, second, category="spam", note="Deuxième note")
    body = text(as_(client, moderator).get(f"/groups/{group.slug}/queue/"))
    assert "2 signalements" in body and "Première note" in body and "Deuxième note" in body
    assert reporter.pseudonym not in body and second.pseudonym not in body


def test_a_private_warning_is_shown_to_its_member_only_and_marked_read(client, scene):
    group, moderator, host, author, reporter = scene
    decided(reported_note(group, author, reporter), moderator, DecisionAction.WARN, "Merci de parler au « je »")
    told = text(as_(client, author).get("/notifications/"))
    assert f"Les modérateur·rices de « {group.name} » vous ont adressé un avertissement privé." in told
    assert "Merci de parler" not in told
    page = as_(client, author).get(f"/groups/{group.slug}/my-decisions/")
    assert "Merci de parler au « je »" in text(page)
    [notification] = Notification.objects.filter(recipient=author)
    assert (notification.subject, notification.read_at is not None) == (MemberWarning.objects.get(), True)
    other = text(as_(client, reporter).get(f"/groups/{group.slug}/my-decisions/"))
    assert "Merci de parler au « je »" not in other
    log = text(client.get(f"/groups/{group.slug}/log/"))
    assert "Avertissement privé" in log and "Merci de parler" not in log


def test_a_second_appeal_and_an_empty_reason_are_refused_on_the_page(client, scene):
    group, moderator, host, author, reporter = scene
    decision = decided(reported_note(group, author, reporter), moderator)
    url = f"/groups/{group.slug}/decisions/{decision.pk}/appeal/"
    empty = as_(client, author).post(url, {"reason": ""})
    assert empty.status_code == 400
    assert_valid_html(empty)
    assert client.post(url, {"reason": "Je conteste"}).status_code == 302
    again = client.post(url, {"reason": "Encore"})
    assert again.status_code == 409
    assert "qu'une fois" in text(again)
    assert as_(client, reporter).post(url, {"reason": "Moi aussi"}).status_code == 403
    assert Appeal.objects.count() == 1


def test_moderators_hide_and_restore_with_a_reason(client, scene, notes):
    group, moderator, host, author, reporter = scene
    note = note_by(author, group)
    as_(client, moderator)
    assert client.post(f"/groups/{group.slug}/content/note/{note.pk}/hide/", {"reason": ""}).status_code == 302
    assert not notes
    client.post(f"/groups/{group.slug}/content/note/{note.pk}/hide/", {"reason": "Hors sujet"})
    assert note.pk in notes
    assert as_(client, host).post(f"/groups/{group.slug}/content/note/{note.pk}/restore/",
                                  {"reason": "Non"}).status_code == 403
    as_(client, moderator).post(f"/groups/{group.slug}/content/note/{note.pk}/restore/", {"reason": "Remis"})
    assert not notes
    assert ModerationLogEntry.objects.filter(action=LogAction.CONTENT_RESTORED).count() == 1


def test_the_staff_queue_shows_escalated_reports_to_staff_only(client, scene, notes):
    group, moderator, host, author, reporter = scene
    report_create(actor=reporter, target=group, category="harassment", note="Le groupe exclut les nouveaux")
    refused = as_(client, moderator).get("/staff/queue/")
    assert refused.status_code == 403
    assert str(STAFF_ONLY) in text(refused)
    staff = UserFactory(is_staff=True)
    page = as_(client, staff).get("/staff/queue/")
    assert_valid_html(page)
    body = text(page)
    assert group.name in body and "Le groupe exclut les nouveaux" in body
    assert reporter.pseudonym not in body
    assert "Proposer l'exclusion" not in body
    report = Report.objects.get()
    response = client.post(f"/staff/queue/{report.pk}/decide/",
                           {"action": "dismiss", "reason": "Vérifié, rien à redire"})
    assert response.status_code == 302
    assert ModerationLogEntry.objects.filter(group=group, action=LogAction.STAFF_ACTION,
                                             actor_name=staff.pseudonym).exists()
    not_escalated = reported_note(group, author, reporter)
    refused = client.post(f"/staff/queue/{not_escalated.pk}/decide/", {"action": "hide", "reason": "Non"})
    assert refused.status_code == 403
    assert not notes


def test_the_members_page_and_the_group_page_lead_to_reporting_and_the_queue(client, scene):
    group, moderator, host, author, reporter = scene
    members = text(as_(client, reporter).get(f"/groups/{group.slug}/members/"))
    assert report_url(group, "member", membership_of(author, group).pk) in members
    assert report_url(group, "member", membership_of(reporter, group).pk) not in members
    page = text(client.get(f"/groups/{group.slug}/"))
    assert f"/groups/{group.slug}/my-decisions/" in page and f"/groups/{group.slug}/queue/" not in page
    assert f"/groups/{group.slug}/queue/" in text(as_(client, moderator).get(f"/groups/{group.slug}/"))
