from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from entraide import registry
from entraide.errors import DomainError, NotFound
from entraide.services.accounts import account_delete
from peers.models import HandoverNote
from peers.selectors.line import handover_notes
from peers.services.handover import handover_note_write, personal_details_in
from tests.factories import UserFactory

from .line_builders import coordinator, on_duty

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
CALM = "Soirée calme, deux appels sur la solitude ; pensez à proposer les groupes du jeudi."


def test_a_supporter_on_duty_leaves_a_note_for_the_next_shift():
    supporter = on_duty(now=NOW)
    note = handover_note_write(actor=supporter, language="fr", body=f"  {CALM}  ", now=NOW)
    assert (note.body, note.language, note.created_at) == (CALM, "fr", NOW)


def test_a_note_may_still_be_written_a_few_hours_after_the_shift_not_the_next_day():
    supporter = on_duty(now=NOW, hours=2)
    assert handover_note_write(actor=supporter, language="fr", body=CALM, now=NOW + timedelta(hours=5))
    with pytest.raises(DomainError, match="pendant une permanence"):
        handover_note_write(actor=supporter, language="fr", body=CALM, now=NOW + timedelta(hours=9))


def test_only_a_supporter_of_a_shift_in_that_language_writes_notes():
    supporter = on_duty(now=NOW)
    for actor, language in ((UserFactory(), "fr"), (supporter, "de")):
        with pytest.raises(DomainError) as refused:
            handover_note_write(actor=actor, language=language, body=CALM, now=NOW)
        assert refused.value.status == 403
    assert not HandoverNote.objects.exists()


@pytest.mark.parametrize("body", [
    "Rappeler lune.42@example.org demain",
    "Son numéro : 079 123 45 67",
    "Joignable au +41 79 123 45 67",
    "Tél. 0041791234567",
])
def test_a_note_with_an_email_address_or_a_phone_number_is_refused(body):
    supporter = on_duty(now=NOW)
    with pytest.raises(DomainError, match="aucune donnée personnelle"):
        handover_note_write(actor=supporter, language="fr", body=body, now=NOW)
    assert not HandoverNote.objects.exists()


@pytest.mark.parametrize("body", ["Le 02.12.2026 entre 18:00 et 20:00", "J'ai donné le 143 et le 144.", CALM])
def test_dates_hours_and_short_helpline_numbers_are_no_personal_details(body):
    assert not personal_details_in(body)


def test_a_note_that_speaks_of_a_crisis_asks_to_pass_the_situation_to_a_coordinator():
    supporter = on_duty(now=NOW)
    with pytest.raises(DomainError, match="confiez la conversation à la coordination"):
        handover_note_write(actor=supporter, language="fr", body="Une personne avait envie de mourir ce soir.",
                            now=NOW)


def test_an_empty_or_overlong_note_is_refused():
    supporter = on_duty(now=NOW)
    for body in ("   ", "x" * 2001):
        with pytest.raises(DomainError):
            handover_note_write(actor=supporter, language="fr", body=body, now=NOW)


def test_notes_are_read_by_supporters_on_duty_in_the_language_and_its_coordinators_only():
    writer = on_duty(now=NOW)
    note = handover_note_write(actor=writer, language="fr", body=CALM, now=NOW)
    later = NOW + timedelta(hours=3)
    next_shift = on_duty(now=later)
    assert handover_notes(actor=next_shift, language="fr", now=later) == [note]
    assert handover_notes(actor=coordinator(now=later), language="fr", now=later) == [note]
    with pytest.raises(DomainError):
        handover_notes(actor=UserFactory(), language="fr", now=later)
    with pytest.raises(DomainError):
        handover_notes(actor=coordinator(language="de", now=later), language="fr", now=later)
    with pytest.raises(NotFound):
        handover_notes(actor=AnonymousUser(), language="fr", now=later)


def test_notes_are_in_their_writers_export_and_go_with_the_account():
    writer = on_duty(now=NOW)
    handover_note_write(actor=writer, language="fr", body=CALM, now=NOW)
    assert registry.export_sections.get("line_handover_notes")(writer)[0]["body"] == CALM
    account_delete(actor=writer, member=writer)
    assert not HandoverNote.objects.exists()
