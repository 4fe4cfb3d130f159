from datetime import time

import pytest

from entraide.errors import Conflict, DomainError
from peers.models import MAX_PAIRINGS_AT_ONCE, Supporter
from peers.services.supporters import supporter_volunteer
from tests.factories import UserFactory, theme

pytestmark = pytest.mark.django_db

EVENINGS = [(0, time(18), time(21)), (3, time(18), time(21))]


def volunteer(member=None, **changes):
    fields = {"themes": [theme("epilepsy")], "languages": ["fr", "de"], "formats": ["written", "phone"],
              "slots": EVENINGS, "max_pairings": 2, **changes}
    return supporter_volunteer(actor=member or UserFactory(), **fields)


def test_a_volunteer_offers_themes_languages_formats_and_weekly_slots_and_waits_for_confirmation():
    supporter = volunteer()
    assert [t.code for t in supporter.themes.all()] == ["epilepsy"]
    assert sorted(row.language for row in supporter.languages.all()) == ["de", "fr"]
    assert (supporter.offers_written, supporter.offers_video, supporter.offers_phone) == (True, False, True)
    assert supporter.slots.count() == 2
    assert supporter.confirmed_at is None


def test_volunteering_twice_is_a_conflict_and_keeps_the_first_offer():
    member = UserFactory()
    volunteer(member)
    with pytest.raises(Conflict, match="déjà inscrit"):
        volunteer(member, max_pairings=1)
    assert Supporter.objects.get().max_pairings == 2


@pytest.mark.parametrize(("changes", "message"), [
    ({"themes": []}, "thème"),
    ({"languages": ["xx"]}, "langue"),
    ({"formats": []}, "manière"),
    ({"slots": [(7, time(9), time(10))]}, "disponibilité"),
    ({"slots": [(1, time(10), time(9))]}, "disponibilité"),
    ({"max_pairings": 0}, "jumelages à la fois"),
    ({"max_pairings": MAX_PAIRINGS_AT_ONCE + 1}, "jumelages à la fois"),
])
def test_an_offer_that_does_not_hold_is_refused_with_a_message_and_nothing_is_stored(changes, message):
    with pytest.raises(DomainError, match=message):
        volunteer(**changes)
    assert not Supporter.objects.exists()
