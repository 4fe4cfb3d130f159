import pytest
from django.core import mail

from conversations.models import Conversation, PrivateMessage
from conversations.services import conversation_mark_read, conversation_start, message_send
from entraide.errors import DomainError, NotAllowed, NotFound
from moderation.services.safety import member_block, member_mute
from notifications.models import EmailFrequency, Notification
from notifications.selectors import unread_count
from notifications.services import notification_preferences_set
from tests.factories import UserFactory
from tests.notifications.builders import committed, group_of, seasoned

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    anna, bruno = seasoned(pseudonym="Anna"), seasoned(pseudonym="Bruno")
    group_of(anna, bruno)
    return anna, bruno


def start(capture, actor, other, body="Bonjour, comment vas-tu ?"):
    return committed(capture, lambda: conversation_start(actor=actor, other=other, body=body))


def test_two_members_of_a_group_talk_in_one_conversation(pair, django_capture_on_commit_callbacks):
    anna, bruno = pair
    first = start(django_capture_on_commit_callbacks, anna, bruno, "Bonjour **Bruno**")
    answer = start(django_capture_on_commit_callbacks, bruno, anna, "Bonjour Anna")
    assert first.conversation == answer.conversation
    assert Conversation.objects.count() == 1
    assert first.body_html == "<p>Bonjour <strong>Bruno</strong></p>\n"


def test_members_who_share_no_group_cannot_write(pair):
    anna, _bruno = pair
    stranger = seasoned()
    group_of(stranger)
    with pytest.raises(NotAllowed, match="membres des groupes dont vous faites partie"):
        conversation_start(actor=anna, other=stranger, body="Bonjour")
    assert not PrivateMessage.objects.exists()


def test_nobody_writes_to_themselves(pair):
    anna, _bruno = pair
    with pytest.raises(DomainError, match="vous écrire à vous-même"):
        conversation_start(actor=anna, other=anna, body="Bonjour")


def test_an_account_younger_than_a_day_cannot_write_yet(pair):
    anna, _bruno = pair
    newcomer = UserFactory()
    group_of(anna, newcomer, name="Deux")
    with pytest.raises(NotAllowed, match="un jour après la création de votre compte"):
        conversation_start(actor=newcomer, other=anna, body="Bonjour")
    with pytest.raises(NotAllowed, match="Cette personne ne reçoit pas de messages privés."):
        conversation_start(actor=anna, other=newcomer, body="Bienvenue")
    assert not PrivateMessage.objects.exists()


def test_a_blocked_member_is_refused_without_learning_of_the_block(pair):
    anna, bruno = pair
    member_block(actor=anna, member=bruno)
    with pytest.raises(NotAllowed) as refusal:
        conversation_start(actor=bruno, other=anna, body="Bonjour")
    assert refusal.value.message == "Cette personne ne reçoit pas de messages privés."
    assert "bloqu" not in refusal.value.message


def test_a_blocked_member_cannot_go_on_in_an_existing_conversation(pair, django_capture_on_commit_callbacks):
    anna, bruno = pair
    message = start(django_capture_on_commit_callbacks, bruno, anna)
    member_block(actor=anna, member=bruno)
    with pytest.raises(NotAllowed, match="ne reçoit pas de messages privés"):
        message_send(actor=bruno, conversation=message.conversation, body="Encore moi")
    assert PrivateMessage.objects.count() == 1


@pytest.mark.parametrize("body, error", [("   ", "Votre message est vide"), ("x" * 20_001, "20001 caractères")])
def test_empty_and_too_long_messages_are_refused(pair, body, error):
    anna, bruno = pair
    with pytest.raises(DomainError, match=error):
        conversation_start(actor=anna, other=bruno, body=body)
    assert not Conversation.objects.exists()


def test_a_third_member_cannot_write_in_someone_elses_conversation_nor_learn_that_it_exists(
        pair, django_capture_on_commit_callbacks):
    anna, bruno = pair
    message = start(django_capture_on_commit_callbacks, anna, bruno)
    with pytest.raises(NotFound):
        message_send(actor=seasoned(), conversation=message.conversation, body="Je m'invite")
    with pytest.raises(NotFound):
        conversation_mark_read(actor=seasoned(), conversation=message.conversation)
    assert PrivateMessage.objects.count() == 1 and PrivateMessage.objects.get().read_at is None


def test_a_new_message_notifies_the_other_member_once_until_read(pair, django_capture_on_commit_callbacks):
    anna, bruno = pair
    message = start(django_capture_on_commit_callbacks, anna, bruno)
    committed(django_capture_on_commit_callbacks,
              lambda: message_send(actor=anna, conversation=message.conversation, body="Tu es là ?"))
    assert list(Notification.objects.values_list("recipient", "kind")) == [(bruno.pk, "private_message")]
    assert unread_count(type(bruno).objects.get(pk=bruno.pk)) == 1
    conversation_mark_read(actor=bruno, conversation=message.conversation)
    assert not PrivateMessage.objects.filter(read_at__isnull=True).exists()
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert unread_count(type(bruno).objects.get(pk=bruno.pk)) == 0
    committed(django_capture_on_commit_callbacks,
              lambda: message_send(actor=anna, conversation=message.conversation, body="Encore un mot"))
    assert Notification.objects.filter(recipient=bruno, read_at__isnull=True).count() == 1


def test_the_message_mail_follows_the_members_preference_and_holds_no_text(pair, django_capture_on_commit_callbacks):
    anna, bruno = pair
    notification_preferences_set(actor=bruno, choices={"private_message": EmailFrequency.IMMEDIATE})
    start(django_capture_on_commit_callbacks, anna, bruno, "Mon diagnostic est tombé.")
    [message] = mail.outbox
    assert message.to == [bruno.email]
    assert "Anna vous a écrit un message privé." in message.body
    assert "diagnostic" not in message.body


def test_a_muted_sender_brings_no_notification(pair, django_capture_on_commit_callbacks):
    anna, bruno = pair
    member_mute(actor=bruno, member=anna)
    start(django_capture_on_commit_callbacks, anna, bruno)
    assert not Notification.objects.exists()
