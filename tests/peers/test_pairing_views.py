"""The pairing pages, from a member's request to both people writing to each other, and every
refusal answered on the page with its message and a 4xx, nothing lost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.selectors import has_blocked
from peers.models import OfferStatus, Pairing, PairingFeedback, PairingOffer, PairingRequest, RequestStatus
from peers.services.pairings import offer_accept, request_withdraw, requests_pass_due
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, theme

from .builders import make_supporter
from .pairing_builders import make_pairing, open_request

pytestmark = pytest.mark.django_db

WORDS = "Zq7RequestWords: le diagnostic est tombé hier."


def page(response, status=200) -> str:
    assert response.status_code == status, response.content.decode()[:500]
    assert_valid_html(response)
    return response.content.decode()


def ask(client, **fields):
    data = {"theme": "epilepsy", "language": "fr", "format": "written", "words": WORDS, **fields}
    return client.post(reverse("peer_request_new"), data)


def test_a_member_asks_a_supporter_accepts_and_the_requester_confirms(client):
    supporter = make_supporter(UserFactory(pseudonym="Colibri"))
    requester = UserFactory(pseudonym="Lune")
    client.force_login(requester)
    assert "Demander un·e pair" in page(client.get(reverse("peer_request_new")))
    response = ask(client)
    request = PairingRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("peer_request", args=[request.pk])
    assert "Colibri" not in page(client.get(response["Location"]))

    offer = PairingOffer.objects.get(request=request)
    client.force_login(supporter.member)
    html = page(client.get(reverse("peer_supporter")))
    assert reverse("peer_offer", args=[offer.pk]) in html
    html = page(client.get(reverse("peer_offer", args=[offer.pk])))
    assert WORDS in html and "Lune" not in html
    assert client.post(reverse("peer_offer_accept", args=[offer.pk])).status_code == 302

    client.force_login(requester)
    html = page(client.get(reverse("peer_request", args=[request.pk])))
    assert "a accepté votre demande" in html and "Colibri" not in html
    response = client.post(reverse("peer_request_confirm", args=[request.pk]))
    pairing = Pairing.objects.get()
    assert response["Location"] == reverse("peer_pairing", args=[pairing.pk])
    html = page(client.get(response["Location"]))
    assert "Jumelage avec Colibri" in html and reverse("conversation_new", args=[supporter.member.pk]) in html

    client.force_login(supporter.member)
    assert "Jumelage avec Lune" in page(client.get(reverse("peer_pairing", args=[pairing.pk])))


def test_the_two_of_a_pairing_write_to_each_other_though_they_share_no_group(client):
    pairing = make_pairing()
    requester, supporter = pairing.request.requester, pairing.supporter.member
    client.force_login(requester)
    response = client.post(reverse("conversation_new", args=[supporter.pk]), {"body": "Bonjour, merci pour Zq7Accepted"})
    assert response.status_code == 302
    client.force_login(supporter)
    assert "merci pour Zq7Accepted" in page(client.get(response["Location"].split("#")[0]))


def test_declining_passes_the_request_on_to_the_next_supporter(client):
    first, second = make_supporter(), make_supporter()
    request = open_request()
    offer = PairingOffer.objects.get(request=request)
    client.force_login(offer.supporter.member)
    assert client.post(reverse("peer_offer_decline", args=[offer.pk])).status_code == 302
    following = PairingOffer.objects.get(request=request, status=OfferStatus.PENDING)
    assert following.supporter in (first, second) and following.supporter != offer.supporter


def test_accepting_twice_or_a_withdrawn_request_is_refused_on_the_page(client):
    make_supporter()
    request = open_request()
    offer = PairingOffer.objects.get(request=request)
    client.force_login(offer.supporter.member)
    assert client.post(reverse("peer_offer_accept", args=[offer.pk])).status_code == 302
    assert "déjà répondu" in page(client.post(reverse("peer_offer_accept", args=[offer.pk])), 409)

    other_request = open_request(words="Une autre demande")
    other_offer = PairingOffer.objects.get(request=other_request)
    request_withdraw(actor=other_request.requester, request=other_request)
    client.force_login(other_offer.supporter.member)
    assert "a été retirée" in page(client.post(reverse("peer_offer_accept", args=[other_offer.pk])), 409)


def test_overlong_words_come_back_with_the_text_and_a_message(client):
    client.force_login(UserFactory())
    words = "x" * 1001
    html = page(ask(client, words=words), 400)
    assert "1001 caractères" in html and words in html
    assert not PairingRequest.objects.exists()


def test_a_request_for_a_language_nobody_offers_waits_and_says_so(client):
    make_supporter(languages=("fr",))
    client.force_login(UserFactory())
    response = ask(client, language="it")
    request = PairingRequest.objects.get()
    assert response.status_code == 302 and not request.offers.exists()
    assert "Nous cherchons une personne disponible" in page(client.get(response["Location"]))


def test_unknown_theme_or_language_is_a_400_with_a_message(client):
    client.force_login(UserFactory())
    assert "Ce thème n&#x27;existe pas" in page(ask(client, theme="no-such-theme"), 400)
    assert "Choisissez une langue proposée" in page(ask(client, language="xx"), 400)
    assert "Ce moment est déjà passé" in page(ask(client, preferred_at="2000-01-01T10:00"), 400)


def test_a_request_passed_to_the_coordinators_tells_the_member_what_else_exists(client):
    request = open_request()
    requests_pass_due(now=timezone.now() + timedelta(hours=49))
    client.force_login(request.requester)
    html = page(client.get(reverse("peer_request", args=[request.pk])))
    assert "la coordination prend le relais" in html
    assert reverse("directory") in html and reverse("crisis_help") in html


def test_ending_a_pairing_needs_no_reason_and_the_feedback_reaches_no_one_but_the_coordinators(client):
    pairing = make_pairing()
    client.force_login(pairing.request.requester)
    response = client.post(reverse("peer_pairing_end", args=[pairing.pk]), {"feedback": "Zq7Feedback merci"})
    # The requester is offered another, the form filled with what they asked for then.
    assert response["Location"] == reverse("peer_request_new") + "?theme=epilepsy&language=fr&format=written"
    assert 'value="epilepsy" selected' in page(client.get(response["Location"]))
    pairing.refresh_from_db()
    assert pairing.ended_at and PairingFeedback.objects.get().body == "Zq7Feedback merci"
    client.force_login(pairing.supporter.member)
    assert "Zq7Feedback" not in page(client.get(reverse("peer_pairing", args=[pairing.pk])))
    assert "déjà terminé" in page(client.post(reverse("peer_pairing_end", args=[pairing.pk]), {}), 409)


def test_a_call_is_scheduled_in_the_members_own_time_zone(client):
    pairing = make_pairing()
    member = pairing.request.requester
    member.time_zone = "America/New_York"
    member.save(update_fields=["time_zone"])
    client.force_login(member)
    when = (timezone.now() + timedelta(days=2)).astimezone(timezone.get_fixed_timezone(0))
    local = when.astimezone(__import__("zoneinfo").ZoneInfo("America/New_York")).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("peer_call_schedule", args=[pairing.pk]), {"starts_at": local, "minutes": "45"})
    assert response.status_code == 302
    call = pairing.calls.get()
    assert abs((call.starts_at - when).total_seconds()) < 60 and call.ends_at - call.starts_at == timedelta(minutes=45)
    html = page(client.post(reverse("peer_call_schedule", args=[pairing.pk]), {"starts_at": local, "minutes": "45"}), 409)
    assert "déjà lieu à ce moment-là" in html
    assert "Choisissez un moment à venir" in page(
        client.post(reverse("peer_call_schedule", args=[pairing.pk]), {"starts_at": "2001-01-01T10:00", "minutes": "45"}), 400)


def test_a_member_volunteers_with_weekly_slots_and_pauses(client):
    member = UserFactory()
    client.force_login(member)
    html = page(client.get(reverse("peer_supporter")))
    assert "Proposer mon soutien" in html
    data = {"themes": ["epilepsy"], "languages": ["fr", "de"], "formats": ["written", "video"], "max_pairings": "2",
            "slot_0_start": "18:00", "slot_0_end": "21:00"}
    assert client.post(reverse("peer_supporter"), data).status_code == 302
    supporter = member.peer_supporter
    assert [(slot.weekday, slot.starts_at.hour, slot.ends_at.hour) for slot in supporter.slots.all()] == [(0, 18, 21)]
    assert "Mon espace de pair aidant·e" in page(client.get(reverse("peer_supporter")))
    assert client.post(reverse("peer_supporter_pause")).status_code == 302
    supporter.refresh_from_db()
    assert supporter.paused
    assert "déjà inscrit" in page(client.post(reverse("peer_supporter"), data), 409)


def test_a_volunteer_form_with_a_slot_ending_before_it_starts_keeps_what_was_typed(client):
    client.force_login(UserFactory())
    data = {"themes": ["epilepsy"], "languages": ["fr"], "formats": ["written"], "max_pairings": "9",
            "slot_2_start": "21:00", "slot_2_end": "18:00"}
    html = page(client.post(reverse("peer_supporter"), data), 400)
    assert "la fin après le début" in html and "Entre 1 et 5" in html and 'value="21:00"' in html


@pytest.mark.parametrize("name", ["peer_request", "peer_offer", "peer_pairing"])
def test_someone_else_finds_nothing_at_any_of_them(client, name):
    pairing = make_pairing()
    ids = {"peer_request": pairing.request.pk, "peer_offer": pairing.request.offers.get().pk, "peer_pairing": pairing.pk}
    client.force_login(make_supporter().member)
    assert client.get(reverse(name, args=[ids[name]])).status_code == 404


def test_wrong_methods_and_ids_out_of_range(client):
    client.force_login(UserFactory())
    assert client.get(reverse("peer_offer_accept", args=[1])).status_code == 405
    assert client.get(f"/peers/requests/{10**30}/").status_code == 404
    assert client.delete(reverse("peer_request_new")).status_code == 405


def test_the_programme_page_is_open_to_visitors_with_crisis_help_first(client):
    html = page(client.get(reverse("peer_home")))
    assert html.index("En danger ou à bout") < html.index("Parler à quelqu")


def test_the_two_of_a_pairing_can_block_each_other_though_they_share_no_group(client):
    pairing = make_pairing()
    requester, supporter = pairing.request.requester, pairing.supporter.member
    client.force_login(requester)
    assert client.post(reverse("member_block", args=[supporter.pk])).status_code in (200, 302)
    assert has_blocked(requester, supporter)
