"""The coordinators' space, the readings and the programme's decisions, through the pages: a
volunteer reads, a coordinator records the check-in and proposes them, the programme consents;
guidelines change by consent; a request passed to the coordinators goes back to matching."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.models import CONSENT_WINDOW
from peers.models import CoordinatorTerm, PairingOffer, ProgrammeProposal, RequestStatus, Supporter
from peers.readings import READING_CODES
from peers.services.decisions import programme_proposals_settle_due
from peers.services.pairings import request_open, requests_pass_due
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, theme

from .builders import make_coordinator, make_supporter

pytestmark = pytest.mark.django_db


def page(response, status=200) -> str:
    assert response.status_code == status, response.content.decode()[:800]
    assert_valid_html(response)
    return response.content.decode()


def test_a_volunteer_walks_the_path_and_the_programme_confirms_them(client):
    volunteer = make_supporter(UserFactory(pseudonym="Aurore"), confirmed=False)
    coordinator = make_coordinator("fr")
    client.force_login(volunteer.member)
    html = page(client.get(reverse("peer_readings")))
    assert "Écouter sans conseiller" in html
    for code in READING_CODES:
        assert client.post(reverse("peer_readings"), {"code": code}).status_code == 302
    assert "fait" in page(client.get(reverse("peer_supporter")))

    client.force_login(coordinator)
    html = page(client.get(reverse("peer_coordination")))
    assert "Aurore" in html and "4 sur 4" in html
    assert client.post(reverse("peer_supporter_checkin", args=[volunteer.pk])).status_code == 302
    assert client.post(reverse("peer_supporter_confirmation_propose", args=[volunteer.pk])).status_code == 302
    proposal = ProgrammeProposal.objects.get(supporter=volunteer, status="open")
    assert "Aurore" in page(client.get(reverse("peer_programme", args=["fr"])))

    programme_proposals_settle_due(now=timezone.now() + CONSENT_WINDOW + timedelta(minutes=1))
    proposal.refresh_from_db()
    volunteer.refresh_from_db()
    assert proposal.status == "adopted" and volunteer.confirmed_at is not None


def test_an_unknown_reading_or_a_reading_by_someone_not_volunteering_is_refused_on_the_page(client):
    make_supporter(member := UserFactory(), confirmed=False)
    client.force_login(member)
    page(client.post(reverse("peer_readings"), {"code": "no-such-reading"}), 400)
    client.force_login(UserFactory())
    page(client.post(reverse("peer_readings"), {"code": READING_CODES[0]}), 409)


def test_staff_without_a_term_and_members_find_the_coordination_closed(client):
    for member in (UserFactory(is_staff=True, is_superuser=True), make_supporter().member):
        client.force_login(member)
        assert "elle s&#x27;ouvre avec un mandat" in client.get(reverse("peer_coordination")).content.decode()
        assert client.get(reverse("peer_coordination")).status_code == 403


def test_a_request_passed_to_the_coordinators_is_read_there_and_sent_back_to_matching(client):
    requester = UserFactory(pseudonym="Lune", date_joined=timezone.now() - timedelta(days=3))
    request = request_open(actor=requester, theme=theme("epilepsy"), language="fr", format="written",
                           words="Zq7Passed: personne ne répond", now=timezone.now() - timedelta(hours=49))
    requests_pass_due()
    coordinator = make_coordinator("fr", UserFactory(date_joined=timezone.now() - timedelta(days=3)))
    client.force_login(coordinator)
    html = page(client.get(reverse("peer_coordination")))
    assert "Zq7Passed" in html and "Lune" in html
    # Nobody fits yet: it stays with the coordinators.
    assert client.post(reverse("peer_request_offer_again", args=[request.pk])).status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.PASSED
    # The coordinators may write to the person meanwhile, though they share no group.
    response = client.post(reverse("conversation_new", args=[requester.pk]), {"body": "Bonjour, nous cherchons."})
    assert response.status_code == 302

    supporter = make_supporter()
    assert client.post(reverse("peer_request_offer_again", args=[request.pk])).status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN
    assert PairingOffer.objects.get(request=request, status="pending").supporter == supporter


def test_a_coordinator_of_another_language_finds_nothing_of_the_request(client):
    request = request_open(actor=UserFactory(), theme=theme("epilepsy"), language="fr", format="written",
                           words="Zq7Passed", now=timezone.now() - timedelta(hours=49))
    requests_pass_due()
    client.force_login(make_coordinator("de"))
    assert "Zq7Passed" not in page(client.get(reverse("peer_coordination")))
    assert client.post(reverse("peer_request_offer_again", args=[request.pk])).status_code == 404


def test_guidelines_change_by_consent_and_an_objection_stops_them(client):
    first, second = make_supporter(), make_supporter()
    client.force_login(first.member)
    response = client.post(reverse("peer_programme_guidelines", args=["fr"]), {"guidelines_text": "Zq7Guidelines"})
    assert response.status_code == 302
    proposal = ProgrammeProposal.objects.get(kind="change_guidelines")
    client.force_login(second.member)
    assert "Zq7Guidelines" in page(client.get(reverse("peer_programme", args=["fr"])))
    assert "pourquoi vous objectez" in page(client.post(reverse("peer_programme_proposal_object", args=[proposal.pk]),
                                                        {"reason": ""}), 400)
    response = client.post(reverse("peer_programme_proposal_object", args=[proposal.pk]), {"reason": "Trop vague"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "blocked"
    client.force_login(first.member)
    assert client.post(reverse("peer_programme_proposal_withdraw", args=[proposal.pk])).status_code == 409


def test_overlong_guidelines_come_back_with_the_text(client):
    client.force_login(make_supporter().member)
    text = "x" * 10001
    assert text in page(client.post(reverse("peer_programme_guidelines", args=["fr"]), {"guidelines_text": text}), 400)
    assert not ProgrammeProposal.objects.filter(kind="change_guidelines").exists()


def test_someone_outside_the_programme_is_told_who_decides(client):
    client.force_login(UserFactory())
    response = client.get(reverse("peer_programme", args=["fr"]))
    assert response.status_code == 403 and "prennent part" in response.content.decode()
    assert client.get(reverse("peer_programme", args=["xx"])).status_code == 404
    assert Supporter.objects.count() == 0


def test_staff_grant_a_first_term_and_the_coordinator_grants_the_next(client):
    staff = UserFactory(is_staff=True)
    first, second = UserFactory(pseudonym="Premiere"), UserFactory(pseudonym="Suivante")
    client.force_login(staff)
    assert "Attribuer un mandat" in page(client.get(reverse("peer_coordinator_terms")))
    today = timezone.localdate()
    data = {"language": "de", "pseudonym": "Premiere", "starts_on": str(today - timedelta(days=1)),
            "ends_on": str(today + timedelta(days=180))}
    assert client.post(reverse("peer_coordinator_terms"), data).status_code == 302
    assert "Premiere" in page(client.get(reverse("peer_coordinator_terms")))
    # Twice: the same person's term over the same time is refused, nothing is added.
    assert "déjà un mandat" in page(client.post(reverse("peer_coordinator_terms"), data), 409)

    client.force_login(first)
    assert client.get(reverse("peer_coordination")).status_code == 200
    data.update(pseudonym="Suivante", starts_on=str(today + timedelta(days=180)), ends_on=str(today + timedelta(days=360)))
    assert client.post(reverse("peer_coordinator_terms"), data).status_code == 302
    assert "Aucun membre ne porte ce pseudonyme" in page(
        client.post(reverse("peer_coordinator_terms"), {**data, "pseudonym": "Personne"}), 400)
    assert "Indiquez une date" in page(client.post(reverse("peer_coordinator_terms"), {**data, "ends_on": "2026-02-30"}), 400)
    assert CoordinatorTerm.objects.filter(member=second, programme__language="de").count() == 1


def test_members_without_a_term_cannot_grant_one(client):
    client.force_login(make_supporter().member)
    assert client.get(reverse("peer_coordinator_terms")).status_code == 403
