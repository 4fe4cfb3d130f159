"""What the programme tells its members: each notice to the one person it concerns, after
commit, never with a word of the request, and gone once it is no longer news."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from entraide import registry
from notifications.models import Notification
from notifications.selectors import unread_count, worded
from peers import notifying
from peers.models import CoordinatorTerm, PairingOffer, Programme
from peers.services.calls import call_cancel, call_schedule
from peers.services.pairings import (
    offer_accept,
    offer_confirm,
    offer_decline,
    pairing_end,
    request_withdraw,
    requests_pass_due,
)
from tests.factories import UserFactory
from tests.notifications.builders import committed

from .builders import make_supporter
from .pairing_builders import open_request

pytestmark = pytest.mark.django_db

WORDS = "Mon fils a fait sa première crise hier soir."


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    return lambda action: committed(django_capture_on_commit_callbacks, action)


def notices(member):
    """What the member reads in their notifications list, as (kind, text, url)."""
    return [(notice.kind, notice.text, notice.url)
            for notice in worded(list(Notification.objects.filter(recipient=member)), member)]


def coordinator(language="fr", *, current=True):
    member = UserFactory()
    programme, _created = Programme.objects.get_or_create(language=language)
    now = timezone.now()
    starts_at = now - timedelta(days=30) if current else now - timedelta(days=90)
    CoordinatorTerm.objects.create(member=member, programme=programme, starts_at=starts_at,
                                   ends_at=starts_at + timedelta(days=60))
    return member


def paired(run):
    supporter = make_supporter()
    request = run(lambda: open_request(words=WORDS))
    offer = PairingOffer.objects.get(request=request)
    run(lambda: offer_accept(actor=supporter.member, offer=offer))
    pairing = run(lambda: offer_confirm(actor=request.requester, offer=offer))
    return pairing, request.requester, supporter.member


def test_every_kind_is_registered_with_a_label():
    for key in (notifying.OFFER, notifying.OFFER_ACCEPTED, notifying.PAIRING_STARTED, notifying.PAIRING_ENDED,
                notifying.REQUEST_PASSED, notifying.CALL_SCHEDULED):
        assert str(registry.notification_kinds.get(key).label)


def test_a_request_is_offered_to_the_supporter_who_is_told_and_only_them(run):
    supporter = make_supporter()
    request = run(lambda: open_request(words=WORDS))
    offer = PairingOffer.objects.get(request=request)
    assert notices(supporter.member) == [
        ("peer_offer", "Une demande de jumelage vous est proposée.", reverse("peer_offer", kwargs={"pk": offer.pk}))]
    assert notices(request.requester) == []


def test_nothing_is_told_before_commit():
    supporter = make_supporter()
    open_request()
    assert not Notification.objects.filter(recipient=supporter.member).exists()


def test_a_decline_passes_the_request_on_and_the_first_supporters_notice_goes(run):
    first, second = make_supporter(), make_supporter()
    request = run(open_request)
    offer = PairingOffer.objects.get(request=request)
    declining, next_one = (first, second) if offer.supporter == first else (second, first)
    following = run(lambda: offer_decline(actor=declining.member, offer=offer))
    assert notices(declining.member) == [] and unread_count(declining.member) == 0
    assert notices(next_one.member) == [
        ("peer_offer", "Une demande de jumelage vous est proposée.",
         reverse("peer_offer", kwargs={"pk": following.pk}))]


def test_an_acceptance_is_told_to_the_requester_and_the_offer_is_no_news_for_the_supporter(run):
    supporter = make_supporter()
    request = run(open_request)
    offer = PairingOffer.objects.get(request=request)
    run(lambda: offer_accept(actor=supporter.member, offer=offer))
    assert notices(supporter.member) == [] and unread_count(supporter.member) == 0
    assert notices(request.requester) == [
        ("peer_offer_accepted", "Un·e pair aidant·e a accepté votre demande de jumelage : confirmez pour commencer.",
         reverse("peer_request", kwargs={"pk": request.pk}))]


def test_the_confirmation_tells_the_supporter_the_pairing_begins(run):
    pairing, _requester, supporter = paired(run)
    assert notices(supporter) == [
        ("peer_pairing_started", "Votre jumelage commence : la personne qui l'a demandé a confirmé.",
         reverse("peer_pairing", kwargs={"pk": pairing.pk}))]


def test_the_end_is_told_to_the_other_side_and_replaces_the_news_of_the_start(run):
    pairing, requester, supporter = paired(run)
    run(lambda: pairing_end(actor=requester, pairing=pairing))
    assert notices(supporter) == [
        ("peer_pairing_ended", "L'autre personne a mis fin à votre jumelage.",
         reverse("peer_pairing", kwargs={"pk": pairing.pk}))]
    assert unread_count(supporter) == 1
    assert [kind for kind, _text, _url in notices(requester)] == ["peer_offer_accepted"]


def test_a_supporter_ending_it_tells_the_requester(run):
    pairing, requester, supporter = paired(run)
    run(lambda: pairing_end(actor=supporter, pairing=pairing))
    assert "peer_pairing_ended" in [kind for kind, _text, _url in notices(requester)]
    assert notices(supporter) == []


def test_a_request_passed_on_tells_the_requester_and_the_programmes_current_coordinators(run):
    supporter = make_supporter()
    now_coordinating, formerly, elsewhere = coordinator("fr"), coordinator("fr", current=False), coordinator("de")
    request = open_request(words=WORDS)
    offer = PairingOffer.objects.get(request=request)
    run(lambda: notifying.offer_made(offer))
    run(lambda: requests_pass_due(now=timezone.now() + timedelta(hours=49)))
    assert notices(request.requester) == [
        ("peer_request_passed", "Personne n'a encore pu accepter votre demande de jumelage : elle est confiée à la "
         "coordination. D'autres soutiens existent en attendant.", reverse("peer_request", kwargs={"pk": request.pk}))]
    assert notices(now_coordinating) == [
        ("peer_request_passed", "Une demande de jumelage attend la coordination.", reverse("peer_coordination"))]
    assert notices(formerly) == notices(elsewhere) == []
    # The offer still waiting was closed: its supporter's notice goes.
    assert notices(supporter.member) == [] and unread_count(supporter.member) == 0


def test_a_passed_request_withdrawn_is_no_news_for_anyone(run):
    now_coordinating = coordinator("fr")
    request = open_request()
    run(lambda: requests_pass_due(now=timezone.now() + timedelta(hours=49)))
    run(lambda: request_withdraw(actor=request.requester, request=request))
    assert notices(request.requester) == notices(now_coordinating) == []
    assert unread_count(now_coordinating) == 0


def test_withdrawing_a_request_takes_back_the_offer_told_to_the_supporter(run):
    supporter = make_supporter()
    request = run(open_request)
    run(lambda: request_withdraw(actor=request.requester, request=request))
    assert notices(supporter.member) == [] and unread_count(supporter.member) == 0


def test_a_call_scheduled_is_told_to_the_other_side_and_a_cancelled_one_is_taken_back(run):
    pairing, requester, supporter = paired(run)
    starts_at = timezone.now() + timedelta(days=1)
    call = run(lambda: call_schedule(actor=supporter, pairing=pairing, starts_at=starts_at))
    [(kind, text, url)] = [notice for notice in notices(requester) if notice[0] == "peer_call_scheduled"]
    assert text.startswith("Un appel de votre jumelage est prévu le ") and url == reverse(
        "peer_pairing", kwargs={"pk": pairing.pk})
    assert "peer_call_scheduled" not in [kind for kind, _text, _url in notices(supporter)]
    run(lambda: call_cancel(actor=requester, call=call))
    assert "peer_call_scheduled" not in [kind for kind, _text, _url in notices(requester)]


def test_no_notice_nor_mail_carries_a_word_of_the_request(run):
    pairing, requester, supporter = paired(run)
    run(lambda: call_schedule(actor=requester, pairing=pairing, starts_at=timezone.now() + timedelta(days=1)))
    run(lambda: pairing_end(actor=requester, pairing=pairing))
    assert mail.outbox, "the immediate kinds are mailed"
    for message in mail.outbox:
        assert "crise" not in message.subject + message.body
        assert "Épilepsie" not in message.subject + message.body
    for member in (requester, supporter):
        for _kind, text, _url in notices(member):
            assert "crise" not in text


def test_a_member_is_not_shown_what_they_may_no_longer_read(run):
    pairing, requester, supporter = paired(run)
    stranger = UserFactory()
    offer = PairingOffer.objects.get(request=pairing.request)
    call = run(lambda: call_schedule(actor=requester, pairing=pairing, starts_at=timezone.now() + timedelta(days=1)))
    # An offer no longer pending, for its supporter; anyone else's offers, pairings and calls.
    assert notifying.offers_to_answer([offer.pk], supporter) == {}
    assert notifying.offers_accepted([offer.pk], stranger) == {}
    assert notifying.pairings_started([pairing.pk], stranger) == {}
    assert notifying.pairings_started([pairing.pk], requester) == {}
    assert notifying.calls_to_come([call.pk], stranger) == {}
    assert notifying.requests_passed([pairing.request_id], stranger) == {}
    assert set(notifying.calls_to_come([call.pk], supporter)) == {call.pk}


def test_each_kind_finds_its_subjects_in_one_query(run, django_assert_num_queries):
    pairing, requester, supporter = paired(run)
    offer = PairingOffer.objects.get(request=pairing.request)
    for subjects, ids, member in ((notifying.offers_accepted, [offer.pk], requester),
                                  (notifying.pairings_started, [pairing.pk], supporter),
                                  (notifying.requests_passed, [pairing.request_id], requester)):
        with django_assert_num_queries(1):
            subjects(ids, member)
