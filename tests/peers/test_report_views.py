"""The coordinators' moderation page for the programme, the warned member's page, and
reporting a pairing, over HTTP: who may open what, bad input, and pinned queries."""

from html import unescape

import pytest
from django.urls import reverse

from moderation.models import DecisionAction, MemberWarning, Report, ReportStatus
from moderation.services.decisions import report_decide
from notifications.models import Notification
from peers.services.line import line_report
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, make_group
from tests.queries import SESSION_QUERIES

from .line_builders import coordinator, talking
from .pairing_builders import make_pairing

pytestmark = pytest.mark.django_db

QUEUE = reverse("scope_queue", args=["peers", "fr"])


def page(response, status=200) -> str:
    assert response.status_code == status, response.content.decode()[:800]
    assert_valid_html(response)
    return unescape(response.content.decode())


def reported(note="Des mots durs."):
    conversation, caller, supporter = talking()
    line_report(actor=caller, conversation=conversation, category="harassment", note=note)
    return Report.objects.latest("pk"), caller, supporter


def test_the_coordination_page_counts_the_reports_waiting_and_links_to_them(client):
    reported()
    client.force_login(coordinator())
    text = page(client.get(reverse("peer_coordination")))
    assert "1 signalement à traiter" in text and QUEUE in text


def test_a_coordinator_reads_the_report_and_its_note_and_decides_with_a_reason(client):
    report, _caller, supporter = reported()
    client.force_login(coordinator())
    text = page(client.get(QUEUE))
    assert "Une conversation de la ligne d'écoute" in text and "Des mots durs." in text
    assert 'value="mute"' not in text and 'value="propose_removal"' not in text
    url = reverse("scope_report_decide", args=["peers", "fr", report.pk])
    response = client.post(url, {"action": "warn", "reason": "Écouter sans juger."})
    assert response.status_code == 302 and response.url == QUEUE
    assert MemberWarning.objects.get().member == supporter
    # Posted twice: the second finds it decided, and says so.
    assert "déjà été traité" in page(client.post(url, {"action": "warn", "reason": "Encore."}), 409)
    assert MemberWarning.objects.count() == 1
    assert "Avertissement privé" in page(client.get(QUEUE))  # in the coordination's log


def test_bad_decisions_are_refused_with_a_message_and_keep_what_was_typed(client):
    report, *_ = reported()
    client.force_login(coordinator())
    url = reverse("scope_report_decide", args=["peers", "fr", report.pk])
    assert "besoin d'une raison" in page(client.post(url, {"action": "dismiss", "reason": ""}), 400)
    assert "dans la liste" in page(client.post(url, {"action": "erase", "reason": "x"}), 400)
    text = page(client.post(url, {"action": "mute", "mute_days": "3", "reason": "Trois jours."}), 400)
    assert "se décident dans un groupe" in text and "Trois jours." in text
    assert "trop longue" in page(client.post(url, {"action": "dismiss", "reason": "x" * 2001}), 400)
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_ids_too_large_unknown_scopes_and_wrong_methods_are_4xx(client):
    report, *_ = reported()
    client.force_login(coordinator())
    assert client.post(f"/moderation/peers/fr/reports/{2**63}/decide/",
                       {"action": "dismiss", "reason": "x"}).status_code == 404
    assert client.post(reverse("scope_report_decide", args=["peers", "de", report.pk]),
                       {"action": "dismiss", "reason": "x"}).status_code == 403
    assert client.get(reverse("scope_queue", args=["nowhere", "fr"])).status_code == 404
    assert client.get(reverse("scope_report_decide", args=["peers", "fr", report.pk])).status_code == 405
    assert client.post(QUEUE).status_code == 405
    assert client.get(reverse("scope_my_decisions", args=["nowhere", "fr"])).status_code == 404


def test_the_queue_is_closed_to_everyone_but_the_programmes_coordinators(client):
    _report, caller, supporter = reported()
    for someone in (caller, supporter, UserFactory(), UserFactory(is_staff=True), coordinator(language="de")):
        client.force_login(someone)
        assert client.get(QUEUE).status_code == 403
    client.logout()
    assert client.get(QUEUE).status_code == 302  # to sign in


def test_the_queue_page_reads_a_pinned_number_of_queries(client, django_assert_num_queries):
    for _time in range(3):
        reported()
    client.force_login(coordinator())
    client.get(QUEUE)
    # Session, member, the coordinator's term, the pending reports, the appeals (pending,
    # settled), the log, the unread count.
    with django_assert_num_queries(SESSION_QUERIES + 7):
        page(client.get(QUEUE))


def test_the_warned_member_reads_the_warning_appeals_once_and_the_notification_is_read(client):
    report, _caller, supporter = reported()
    decision = report_decide(actor=coordinator(), report=report, action=DecisionAction.WARN,
                             reason="Pas de conseils médicaux.")
    notification = Notification.objects.get(recipient=supporter)
    client.force_login(supporter)
    mine = reverse("scope_my_decisions", args=["peers", "fr"])
    text = page(client.get(mine))
    assert "Pas de conseils médicaux." in text and "Faire recours" in text
    notification.refresh_from_db()
    assert notification.read_at is not None
    url = reverse("scope_appeal_file", args=["peers", "fr", decision.pk])
    assert "pourquoi" in page(client.post(url, {"reason": ""}), 400).lower()
    assert client.post(url, {"reason": "Je n'ai rien conseillé."}).status_code == 302
    assert "déjà" in page(client.post(url, {"reason": "Encore."}), 409)
    # Someone else cannot appeal it, and finds no decision of theirs.
    client.force_login(UserFactory())
    assert client.post(url, {"reason": "Moi aussi."}).status_code == 403
    assert "Aucune décision" in page(client.get(mine))


def test_a_second_coordinator_settles_the_appeal_from_the_queue(client):
    report, _caller, supporter = reported()
    first, second = coordinator(), coordinator()
    decision = report_decide(actor=first, report=report, action=DecisionAction.WARN, reason="Attention.")
    client.force_login(supporter)
    client.post(reverse("scope_appeal_file", args=["peers", "fr", decision.pk]), {"reason": "Je conteste."})
    appeal = decision.appeal
    client.force_login(first)
    assert "Une autre personne que celle qui a décidé" in page(client.get(QUEUE))
    client.force_login(second)
    url = reverse("scope_appeal_settle", args=["peers", "fr", appeal.pk])
    assert client.post(url, {"outcome": "uphold", "reason": "C'était une ressource."}).status_code == 302
    assert MemberWarning.objects.get().withdrawn_at is not None
    assert "déjà été tranché" in page(client.post(url, {"outcome": "reject", "reason": "Non."}), 409)


def test_either_of_a_pairing_reports_it_from_its_page_and_anyone_else_finds_nothing(client):
    pairing = make_pairing()
    url = reverse("peer_pairing_report", args=[pairing.pk])
    client.force_login(pairing.request.requester)
    assert "Signaler ce jumelage" in page(client.get(reverse("peer_pairing", args=[pairing.pk])))
    assert "Choisissez ce qui vous inquiète" in page(client.post(url, {}), 400)
    assert client.post(url, {"category": "disrespect", "note": "Plus de nouvelles."}).status_code == 302
    assert "Vous avez signalé ce jumelage" in page(client.get(reverse("peer_pairing", args=[pairing.pk])))
    assert "déjà signalé" in page(client.post(url, {"category": "disrespect"}), 409)
    client.force_login(UserFactory())
    assert client.post(url, {"category": "disrespect"}).status_code == 404
    assert Report.objects.get().target_author == pairing.supporter.member


def test_a_group_route_never_takes_what_belongs_to_the_programme(client):
    report, caller, _supporter = reported()
    conversation = report.target_type.get_object_for_this_type(pk=report.target_object_id)
    group = make_group(caller)  # its founder, who moderates it
    client.force_login(caller)
    for name in ("group_report", "group_content_hide"):
        url = reverse(name, args=[group.slug, "line_conversation", conversation.pk])
        assert client.post(url, {"category": "other", "reason": "x"}).status_code == 404
    assert Report.objects.count() == 1
