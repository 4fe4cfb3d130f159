from datetime import timedelta

import pytest
from django.utils import timezone

from entraide import registry
from entraide.errors import Conflict, DomainError, NotFound
from entraide.models import User
from entraide.services.accounts import account_delete
from moderation.limits import SlowDown
from moderation.services.safety import member_block
from peers.models import LineConversation, LineGuest, LineMessage, LineStatus
from peers.selectors.line import line_entry, line_front, queue_position
from peers.services.guests import GUEST_OPENS_PER_HOUR, guest_open, guests_close_expired
from peers.services.line import (
    LineMessageRefused,
    line_answer,
    line_end,
    line_knock,
    line_message_send,
    line_pass,
    line_report,
    lines_erase_expired,
)
from tests.factories import UserFactory, join, make_group

from .line_builders import coordinator, knocked, on_duty, talking

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def say(conversation, author, body="Bonsoir", client_id="m-1"):
    return line_message_send(actor=author, conversation=conversation, body=body, client_id=client_id)


# --- Knocking and answering ------------------------------------------------------------------

def test_a_member_knocks_and_waits_in_the_queue_of_their_language():
    conversation = knocked(now=NOW)
    assert (conversation.status, conversation.supporter, conversation.knocked_at) == (LineStatus.QUEUED, None, NOW)
    assert queue_position(conversation) == 1


def test_knocking_while_already_queued_or_talking_is_a_409():
    conversation, caller, _supporter = talking(now=NOW)
    with pytest.raises(Conflict, match="déjà en lien"):
        line_knock(actor=caller, language="fr")
    waiting = knocked()
    with pytest.raises(Conflict):
        line_knock(actor=waiting.caller, language="de")
    assert LineConversation.objects.count() == 2


def test_knocking_in_a_language_the_site_does_not_offer_is_refused():
    with pytest.raises(DomainError, match="langue proposée"):
        line_knock(actor=UserFactory(), language="xx")


def test_the_queue_is_first_come_first_answered_per_language_and_places_move_up():
    first, german, second = knocked(now=NOW), knocked(language="de", now=NOW), knocked(now=NOW + timedelta(seconds=1))
    assert [queue_position(c) for c in (first, german, second)] == [1, 1, 2]
    supporter = on_duty(now=NOW)
    assert line_answer(actor=supporter, now=NOW) == first
    second.refresh_from_db()
    assert queue_position(second) == 1


def test_the_supporter_on_duty_takes_the_next_caller_and_both_are_in_the_conversation():
    supporter = on_duty(now=NOW)
    waiting = knocked(now=NOW)
    conversation = line_answer(actor=supporter, now=NOW + timedelta(minutes=3))
    assert (conversation.pk, conversation.status, conversation.supporter) == (waiting.pk, LineStatus.OPEN, supporter)
    assert conversation.answered_at == NOW + timedelta(minutes=3)
    assert line_entry(user=supporter, conversation_id=conversation.pk).role == "supporter"
    assert line_entry(user=waiting.caller, conversation_id=conversation.pk).role == "caller"


def test_with_no_one_waiting_taking_the_next_caller_gives_none():
    assert line_answer(actor=on_duty(now=NOW), now=NOW) is None


def test_only_a_supporter_on_duty_with_no_open_conversation_takes_the_next_caller():
    with pytest.raises(DomainError, match="pas de permanence"):
        line_answer(actor=UserFactory(), now=NOW)
    _conversation, _caller, supporter = talking(now=NOW)
    knocked(now=NOW)
    with pytest.raises(Conflict, match="avant de prendre l'appel suivant"):
        line_answer(actor=supporter, now=NOW)


def test_a_caller_who_blocked_the_supporter_is_not_put_through_to_them():
    supporter = on_duty(now=NOW)
    blocker = knocked(now=NOW)
    join(make_group(blocker.caller), supporter)
    member_block(actor=blocker.caller, member=supporter)
    other = knocked(now=NOW + timedelta(seconds=1))
    assert line_answer(actor=supporter, now=NOW) == other


# --- Who reads a conversation ----------------------------------------------------------------

def test_anyone_but_its_people_gets_a_404_even_staff_and_coordinators():
    conversation, _caller, _supporter = talking(now=NOW)
    for stranger in (UserFactory(), UserFactory(is_staff=True), coordinator()):
        with pytest.raises(NotFound):
            line_entry(user=stranger, conversation_id=conversation.pk)
    for impossible in (10**30, 0, -1, conversation.pk + 1000):
        with pytest.raises(NotFound):
            line_entry(user=conversation.caller, conversation_id=impossible)


def test_passing_to_a_coordinator_lets_them_in_and_frees_the_supporter_for_the_next_caller():
    conversation, caller, supporter = talking(now=NOW)
    chosen = coordinator()
    passed = line_pass(actor=supporter, conversation=conversation, now=NOW)
    assert (passed.status, passed.passed_to) == (LineStatus.PASSED, chosen)
    assert line_entry(user=chosen, conversation_id=conversation.pk).role == "coordinator"
    say(conversation, chosen)
    say(conversation, caller)
    assert line_answer(actor=supporter, now=NOW) is None


def test_passing_needs_a_current_coordinator_of_the_language_and_is_the_supporters_alone():
    conversation, caller, supporter = talking(now=NOW)
    coordinator(language="de")
    with pytest.raises(Conflict, match="lignes de crise"):
        line_pass(actor=supporter, conversation=conversation)
    coordinator()
    with pytest.raises(DomainError, match="Seule la personne qui écoute"):
        line_pass(actor=caller, conversation=conversation)
    with pytest.raises(NotFound):
        line_pass(actor=UserFactory(), conversation=conversation)


def test_a_reported_conversation_is_open_to_the_programmes_coordinators():
    conversation, caller, _supporter = talking(now=NOW)
    watching = coordinator()
    line_report(actor=caller, conversation=conversation, category="harassment", now=NOW)
    assert line_entry(user=watching, conversation_id=conversation.pk).role == "coordinator"
    with pytest.raises(Conflict):
        line_report(actor=caller, conversation=conversation, category="harassment")


# --- Messages --------------------------------------------------------------------------------

def test_messages_take_the_next_seq_and_the_same_client_id_stores_one():
    conversation, caller, supporter = talking(now=NOW)
    first, created = say(conversation, caller, client_id="a")
    again, created_again = say(conversation, caller, body="autre", client_id="a")
    second, _ = say(conversation, supporter, client_id="a")
    assert (first.seq, created, again.pk, created_again, second.seq) == (1, True, first.pk, False, 2)
    assert LineMessage.objects.count() == 2


@pytest.mark.parametrize("body, client_id, code", [
    ("   ", "a", "empty"), ("x" * 2001, "a", "too_long"), ("x", "pas bon", "bad_field"), ("x", "", "bad_field")])
def test_a_bad_message_is_refused_with_its_code(body, client_id, code):
    conversation, caller, _supporter = talking(now=NOW)
    with pytest.raises(LineMessageRefused) as refused:
        say(conversation, caller, body=body, client_id=client_id)
    assert refused.value.code == code


def test_no_message_while_waiting_nor_after_the_end_nor_from_a_stranger():
    waiting = knocked()
    with pytest.raises(Conflict, match="Personne n'a encore répondu"):
        say(waiting, waiting.caller)
    conversation, caller, _supporter = talking()
    line_end(actor=caller, conversation=conversation)
    with pytest.raises(Conflict, match="terminée"):
        say(conversation, caller, client_id="late")
    with pytest.raises(NotFound):
        say(conversation, UserFactory())


def test_writing_too_fast_is_slowed_down():
    conversation, caller, _supporter = talking()
    with pytest.raises(SlowDown):
        for number in range(30):
            say(conversation, caller, client_id=f"m{number}")


# --- Ending ----------------------------------------------------------------------------------

def test_either_ends_and_a_waiting_caller_may_leave_the_queue():
    conversation, _caller, supporter = talking(now=NOW)
    ended = line_end(actor=supporter, conversation=conversation, now=NOW)
    assert (ended.status, ended.ended_at) == (LineStatus.ENDED, NOW)
    with pytest.raises(Conflict, match="déjà terminée"):
        line_end(actor=supporter, conversation=conversation)
    waiting = knocked()
    assert line_end(actor=waiting.caller, conversation=waiting).status == LineStatus.ENDED
    assert line_knock(actor=waiting.caller, language="fr")


def test_conversations_are_erased_30_days_after_their_end_unless_reported():
    old, caller, supporter = talking(now=NOW)
    say(old, caller)
    line_end(actor=caller, conversation=old, now=NOW)
    kept, kept_caller, _ = talking(now=NOW)
    line_report(actor=kept_caller, conversation=kept, category="harassment", now=NOW)
    line_end(actor=kept_caller, conversation=kept, now=NOW)
    recent, recent_caller, _ = talking(now=NOW)
    line_end(actor=recent_caller, conversation=recent, now=NOW + timedelta(days=2))
    assert lines_erase_expired(now=NOW + timedelta(days=31)) == 1
    assert set(LineConversation.objects.all()) == {kept, recent} and not LineMessage.objects.exists()
    # Reported, it is kept for the coordinators, then erased too.
    assert lines_erase_expired(now=NOW + timedelta(days=91)) == 2


def test_what_is_erased_stays_counted_for_the_funders_by_the_month_of_the_knock():
    from peers.models import LineConversationTally

    for _ in range(2):
        conversation, caller, _supporter = talking(now=NOW)
        line_end(actor=caller, conversation=conversation, now=NOW)
    line_end(actor=knocked().caller, conversation=LineConversation.objects.get(status=LineStatus.QUEUED))
    lines_erase_expired(now=NOW + timedelta(days=200))
    assert not LineConversation.objects.exists()
    month = timezone.localtime(NOW).date().replace(day=1)
    # Only the two answered ones: a knock nobody answered is no conversation held.
    assert list(LineConversationTally.objects.values_list("month", "erased")) == [(month, 2)]


# --- Guests ----------------------------------------------------------------------------------

def test_a_guest_has_a_pseudonym_no_email_and_no_password():
    guest = guest_open(pseudonym="Passant", address="203.0.113.7", now=NOW)
    assert guest.pseudonym == "Passant" and guest.email.endswith("@invalid")
    assert not guest.has_usable_password() and not guest.emailaddress_set.exists()
    assert LineGuest.objects.get(user=guest).expires_at > NOW


def test_guests_are_limited_per_address_and_hour_with_a_429():
    for number in range(GUEST_OPENS_PER_HOUR):
        guest_open(pseudonym=f"Passant{number}", address="203.0.113.7", now=NOW)
    with pytest.raises(SlowDown) as refused:
        guest_open(pseudonym="Encore", address="203.0.113.7", now=NOW)
    assert refused.value.status == 429 and refused.value.retry_after > 0
    assert guest_open(pseudonym="Ailleurs", address="198.51.100.2", now=NOW)
    assert guest_open(pseudonym="Plus tard", address="203.0.113.7", now=NOW + timedelta(hours=1))


def test_a_guest_pseudonym_follows_the_pseudonym_rules():
    UserFactory(pseudonym="Lune")
    with pytest.raises(DomainError, match="déjà pris"):
        guest_open(pseudonym="lune", address="203.0.113.7")
    with pytest.raises(DomainError):
        guest_open(pseudonym="", address="203.0.113.7")


def test_a_guests_account_closes_and_its_data_goes_when_its_conversation_ends():
    supporter = on_duty(now=NOW)
    guest = guest_open(pseudonym="Passant", address="203.0.113.7", now=NOW)
    conversation = knocked(guest, now=NOW)
    line_answer(actor=supporter, now=NOW)
    say(conversation, guest)
    line_end(actor=supporter, conversation=conversation, now=NOW)
    guest.refresh_from_db()
    assert not guest.is_active and guest.is_deleted and guest.pseudonym != "Passant"
    assert not LineConversation.objects.exists() and not LineGuest.objects.exists()


def test_guests_past_their_hours_are_closed_by_the_clock_their_conversation_ended():
    guest = guest_open(pseudonym="Passant", address="203.0.113.7", now=NOW)
    knocked(guest, now=NOW)
    member_guest = guest_open(pseudonym="Tôt", address="198.51.100.2", now=NOW + timedelta(hours=3))
    assert guests_close_expired(now=NOW + timedelta(hours=5)) == 1
    assert not User.objects.get(pk=guest.pk).is_active and User.objects.get(pk=member_guest.pk).is_active
    assert not LineConversation.objects.exists()


# --- What the page shows first ---------------------------------------------------------------

def test_the_front_shows_crisis_lines_every_time_and_the_next_hours_when_no_one_is_on_duty():
    supporter = on_duty(now=NOW + timedelta(hours=1))
    knocked(now=NOW)
    closed = line_front(language="fr", now=NOW)
    assert "143" in [line.phone for line in closed.crisis_lines]
    assert not closed.open_now and closed.waiting_count == 1
    assert closed.next_hours == [(NOW + timedelta(hours=1), NOW + timedelta(hours=3))]
    open_front = line_front(language="fr", now=NOW + timedelta(hours=1, minutes=1))
    assert open_front.open_now and open_front.crisis_lines
    assert supporter


# --- Export and deletion ---------------------------------------------------------------------

def test_each_person_exports_their_own_words_and_deleting_the_account_erases_the_conversation():
    conversation, caller, supporter = talking(now=NOW)
    say(conversation, caller, body="Je ne dors plus", client_id="c")
    say(conversation, supporter, body="Je vous écoute", client_id="s")
    export = registry.export_sections.get("line_conversations")
    mine = export(caller)
    assert [m["body"] for m in mine[0]["my_messages"]] == ["Je ne dors plus"] and mine[0]["as"] == "caller"
    assert [m["body"] for m in export(supporter)[0]["my_messages"]] == ["Je vous écoute"]
    assert registry.export_sections.get("line_duty_slots")(supporter)[0]["language"] == "fr"
    account_delete(actor=caller, member=caller)
    assert not LineConversation.objects.exists()


def test_a_reported_conversation_outlives_the_account_until_it_is_looked_into():
    conversation, caller, _supporter = talking(now=NOW)
    line_report(actor=caller, conversation=conversation, category="harassment", now=NOW)
    account_delete(actor=caller, member=caller)
    assert LineConversation.objects.filter(pk=conversation.pk).exists()


# --- What the app registers ------------------------------------------------------------------

def test_the_line_registers_its_socket_and_its_clock_work():
    from entraide.routing import websocket_urlpatterns

    assert any(str(route.pattern) == "ws/line/<int:conversation_id>/" for route in websocket_urlpatterns())
    assert {"line_erase_old", "line_guests_close"} <= set(registry.periodic_tasks)
    assert "peers_line" in registry.account_cleanups


def test_the_clock_work_erases_old_conversations_and_closes_expired_guests():
    from peers.tasks import close_expired_line_guests, erase_old_line_conversations

    conversation, caller, _supporter = talking(now=NOW - timedelta(days=40))
    line_end(actor=caller, conversation=conversation, now=NOW - timedelta(days=40))
    guest_open(pseudonym="Passant", address="203.0.113.7", now=NOW - timedelta(hours=5))
    assert erase_old_line_conversations.enqueue().return_value == 1
    assert close_expired_line_guests.enqueue().return_value == 1


# --- Two supporters at once, on PostgreSQL ---------------------------------------------------

@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_supporters_taking_the_next_caller_at_once_get_two_different_callers():
    import threading

    from django.db import connection

    supporters = [on_duty(now=NOW), on_duty(now=NOW)]
    waiting = {knocked(now=NOW).pk, knocked(now=NOW + timedelta(seconds=1)).pk}
    start, answered = threading.Barrier(2), []

    def take(supporter):
        try:
            start.wait()
            answered.append(line_answer(actor=supporter, now=NOW).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(supporter,)) for supporter in supporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(answered) == waiting
