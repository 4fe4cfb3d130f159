"""A mention in the chat, as the notifications list words it: who and where, never the words,
and nothing once the message is hidden or the reader left the group."""

import pytest
from django.utils import translation

from chat.services import CHAT_MENTION
from entraide.services.groups import group_leave
from moderation.services.content import content_hide
from notifications.models import Notification
from notifications.selectors import worded
from tests.factories import UserFactory, join

from .builders import chat_group, said

pytestmark = pytest.mark.django_db


def mentioned(django_capture_on_commit_callbacks, pseudonym="Hirondelle"):
    group, founder, _member = chat_group()
    reader = join(group, UserFactory(pseudonym=pseudonym, preferred_language="en"))
    with django_capture_on_commit_callbacks(execute=True):
        message = said(group, founder, f"Merci @{pseudonym} pour ton message secret")
    return group, founder, reader, message


def test_a_mention_is_worded_in_the_readers_language_without_the_message(django_capture_on_commit_callbacks):
    group, founder, reader, message = mentioned(django_capture_on_commit_callbacks)
    with translation.override("en"):
        (shown,) = worded(list(Notification.objects.filter(recipient=reader, kind=CHAT_MENTION)), reader)
    assert shown.text == f"{founder.pseudonym} mentioned you in the live chat."
    assert shown.place == group.name and "secret" not in shown.text
    assert shown.url == f"/groups/{group.slug}/chat/history/?before={message.seq + 1}"


def test_a_mention_says_nothing_once_hidden_or_once_the_reader_left(django_capture_on_commit_callbacks):
    group, founder, reader, message = mentioned(django_capture_on_commit_callbacks)
    content_hide(actor=founder, target=message, reason="Hors sujet.")
    assert not Notification.objects.filter(recipient=reader, kind=CHAT_MENTION).exists()
    group2, _founder2, reader2, _message2 = mentioned(django_capture_on_commit_callbacks, "Martinet")
    group_leave(actor=reader2, group=group2)
    assert worded(list(Notification.objects.filter(recipient=reader2)), reader2) == []
