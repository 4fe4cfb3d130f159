from datetime import UTC, datetime, timedelta

import pytest

from entraide.errors import Conflict
from moderation.services.safety import member_block, member_mute
from peers.models import OfferStatus, PairingOffer, RequestStatus
from peers.selectors.matching import candidates
from peers.services.pairings import offer_accept, offer_confirm, offer_decline, request_open, requests_pass_due
from peers.services.supporters import supporter_pause, supporter_resume
from tests.factories import UserFactory, join, make_group, theme

from .builders import make_supporter

pytestmark = pytest.mark.django_db


def ask(requester=None, *, theme_code="epilepsy", language="fr", format="written", **fields):
    return request_open(actor=requester or UserFactory(), theme=theme(theme_code), language=language,
                        format=format, words="J'aimerais parler à quelqu'un qui connaît.", **fields)


def offered_to(request):
    offer = PairingOffer.objects.filter(request=request, status=OfferStatus.PENDING).first()
    return offer.supporter if offer else None


def test_a_request_is_offered_only_to_supporters_of_its_theme_language_and_format():
    make_supporter(themes=("grief",))
    make_supporter(languages=("de",))
    make_supporter(formats=("video",))
    fitting = make_supporter()
    assert offered_to(ask()) == fitting


def test_a_request_no_one_fits_is_kept_open_without_an_offer():
    make_supporter(languages=("de",))
    request = ask(language="it")
    assert request.status == RequestStatus.OPEN
    assert offered_to(request) is None


def test_unconfirmed_supporters_and_supporters_without_a_slot_are_not_offered_anything():
    make_supporter(confirmed=False)
    make_supporter(slots=())
    assert offered_to(ask()) is None


def test_a_preferred_time_is_matched_against_each_supporters_own_time_zone():
    # Monday 2 March 2026, 17:30 UTC: 18:30 in Zurich, 12:30 in New York.
    instant = datetime(2026, 3, 2, 17, 30, tzinfo=UTC)
    zurich_morning = make_supporter(time_zone="Europe/Zurich", slots=((0, "08:00", "12:00"),))
    new_york_midday = make_supporter(time_zone="America/New_York", slots=((0, "12:00", "13:00"),))
    request = ask(preferred_at=instant)
    assert offered_to(request) == new_york_midday
    assert zurich_morning not in candidates(request)


def test_a_supporter_at_their_maximum_is_not_offered_more_and_fewer_pairings_come_first():
    busy = make_supporter(max_pairings=2)
    pair(ask(), busy)
    free = make_supporter(max_pairings=2)
    assert offered_to(ask()) == free
    pair(ask(), free)
    # One each: the longest-confirmed comes first.
    pair(ask(), busy)
    assert offered_to(ask()) == free
    pair(ask(), free)
    assert offered_to(ask()) is None


def pair(request, supporter):
    offer = PairingOffer.objects.get(request=request, status=OfferStatus.PENDING)
    assert offer.supporter == supporter
    offer_accept(actor=supporter.member, offer=offer)
    return offer_confirm(actor=request.requester, offer=offer)


@pytest.mark.parametrize("silence", [member_mute, member_block])
@pytest.mark.parametrize("direction", ["requester_silenced_supporter", "supporter_silenced_requester"])
def test_no_one_is_paired_with_someone_they_muted_or_blocked_or_who_did_so_to_them(silence, direction):
    requester = UserFactory()
    supporter = make_supporter()
    # Members silence only someone they meet in a group.
    join(make_group(requester), supporter.member)
    if direction == "requester_silenced_supporter":
        silence(actor=requester, member=supporter.member)
    else:
        silence(actor=supporter.member, member=requester)
    assert offered_to(ask(requester)) is None


def test_a_supporter_is_never_offered_their_own_request():
    supporter = make_supporter()
    assert offered_to(ask(supporter.member)) is None


def test_a_paused_supporter_is_offered_nothing_until_they_resume():
    supporter = make_supporter()
    supporter_pause(actor=supporter.member)
    assert offered_to(ask()) is None
    supporter_resume(actor=supporter.member)
    assert offered_to(ask()) == supporter


def test_a_decline_passes_the_request_on_and_the_one_who_declined_is_not_asked_again():
    first = make_supporter()
    second = make_supporter()
    request = ask()
    assert offered_to(request) == first
    next_offer = offer_decline(actor=first.member, offer=PairingOffer.objects.get(request=request))
    assert next_offer.supporter == second
    offer_decline(actor=second.member, offer=next_offer)
    assert offered_to(request) is None
    assert candidates(request) == []


def test_a_request_no_one_accepted_within_48_hours_passes_to_the_coordinators():
    make_supporter()
    asked_at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    waiting = ask(now=asked_at)
    accepted = ask(now=asked_at)
    offer_accept(actor=PairingOffer.objects.get(request=accepted).supporter.member,
                 offer=PairingOffer.objects.get(request=accepted))
    assert requests_pass_due(now=asked_at + timedelta(hours=47)) == []
    assert requests_pass_due(now=asked_at + timedelta(hours=48)) == [waiting]
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.PASSED
    assert not waiting.offers.filter(status=OfferStatus.PENDING).exists()


def test_pausing_is_refused_with_a_message_to_a_member_who_never_volunteered():
    with pytest.raises(Conflict, match="pair aidant"):
        supporter_pause(actor=UserFactory())
