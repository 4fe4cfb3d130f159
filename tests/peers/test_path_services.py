from datetime import timedelta

import pytest
from django.utils import timezone, translation

from entraide.errors import Conflict, DomainError, NotAllowed
from peers.readings import READING_CODES, READINGS, reading
from peers.services.path import checkin_record, reading_mark_done
from tests.factories import UserFactory

from .builders import make_coordinator, make_supporter

pytestmark = pytest.mark.django_db


def volunteer(**changes):
    return make_supporter(confirmed=False, **changes)


def read_all(supporter):
    for code in READING_CODES:
        reading_mark_done(actor=supporter.member, code=code)


def test_there_are_four_readings_each_with_a_title_and_paragraphs_read_in_the_active_language():
    assert READING_CODES == ("listening", "confidentiality", "limits", "signposting")
    assert all(str(r.title) and len(r.paragraphs) >= 2 for r in READINGS)
    with translation.override("de"):
        german = str(reading("listening").title)
    with translation.override("fr"):
        french = str(reading("listening").title)
    assert (french, german) == ("Écouter sans conseiller", "Zuhören, ohne zu beraten")


def test_marking_a_reading_keeps_it_once_in_the_order_first_read():
    supporter = volunteer()
    reading_mark_done(actor=supporter.member, code="limits")
    reading_mark_done(actor=supporter.member, code="listening")
    supporter = reading_mark_done(actor=supporter.member, code="limits")
    assert supporter.readings_done == ["limits", "listening"]


def test_an_unknown_reading_is_a_400_and_someone_who_did_not_volunteer_gets_a_conflict():
    supporter = volunteer()
    with pytest.raises(DomainError, match="Cette lecture n'existe pas") as refused:
        reading_mark_done(actor=supporter.member, code="healing")
    assert refused.value.status == 400
    with pytest.raises(Conflict, match="pas inscrit"):
        reading_mark_done(actor=UserFactory(), code="listening")


def test_a_coordinator_of_one_of_the_volunteers_languages_records_the_check_in_once_all_is_read():
    coordinator = make_coordinator("de")
    supporter = volunteer(languages=("fr", "de"))
    read_all(supporter)
    now = timezone.now()
    supporter = checkin_record(actor=coordinator, supporter=supporter, now=now)
    assert supporter.checked_in_at == now


def test_the_check_in_waits_for_every_reading():
    coordinator = make_coordinator("fr")
    supporter = volunteer()
    reading_mark_done(actor=supporter.member, code="listening")
    with pytest.raises(Conflict, match="toutes les lectures"):
        checkin_record(actor=coordinator, supporter=supporter)
    supporter.refresh_from_db()
    assert supporter.checked_in_at is None


def test_the_check_in_is_recorded_once():
    coordinator = make_coordinator("fr")
    supporter = volunteer()
    read_all(supporter)
    checkin_record(actor=coordinator, supporter=supporter)
    with pytest.raises(Conflict, match="déjà enregistré"):
        checkin_record(actor=coordinator, supporter=supporter)


@pytest.mark.parametrize("who", ["member", "staff", "coordinator_of_another_language", "former_coordinator"])
def test_only_a_current_coordinator_of_the_volunteers_language_records_the_check_in(who):
    now = timezone.now()
    actor = {
        "member": lambda: UserFactory(),
        "staff": lambda: UserFactory(is_staff=True),
        "coordinator_of_another_language": lambda: make_coordinator("it"),
        "former_coordinator": lambda: make_coordinator("fr", starts_at=now - timedelta(days=60),
                                                       ends_at=now - timedelta(days=1)),
    }[who]()
    supporter = volunteer()
    read_all(supporter)
    with pytest.raises(NotAllowed, match="Seule la coordination"):
        checkin_record(actor=actor, supporter=supporter)


def test_a_coordinator_does_not_check_themself_in():
    coordinator = make_coordinator("fr")
    supporter = volunteer(member=coordinator)
    read_all(supporter)
    with pytest.raises(NotAllowed, match="autre personne de la coordination"):
        checkin_record(actor=coordinator, supporter=supporter)
