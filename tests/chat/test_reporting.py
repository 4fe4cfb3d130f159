"""Chat messages reported, hidden and restored through moderation, and the chat's slow mode in
the moderation log, worded in the reader's language."""

import pytest
from django.utils import translation

from chat.models import ChatMessage
from chat.selectors import messages_latest
from chat.services import SLOW_MODE_SUBJECT, chat_slow_mode_set
from entraide import registry
from moderation import reportables
from moderation.models import LogAction, ModerationLogEntry
from moderation.services.content import content_hide, content_restore
from moderation.services.reports import report_create
from tests.factories import join

from .builders import chat_group, said

pytestmark = pytest.mark.django_db


def test_a_chat_message_is_a_reportable_kind_that_moderators_can_hide():
    reportable = reportables.for_kind("chat_message")
    assert reportable.model is ChatMessage and reportable.hideable


def test_a_member_reports_a_message_and_the_report_names_it_without_its_words():
    group, _founder, member = chat_group()
    message = said(group, member, "Quelque chose de blessant")
    report = report_create(actor=join(group), target=message, category="disrespect")
    assert report.target_facts == {"message_id": message.pk, "seq": 1, "group_id": group.pk}
    assert reportables.describe_object(message) == "Message n° 1 de la discussion en direct"
    assert reportables.for_kind("chat_message").url_of(message) == f"/groups/{group.slug}/chat/history/?before=2"


def test_a_hidden_message_leaves_the_chat_and_comes_back_when_restored_with_the_log_written():
    group, founder, member = chat_group()
    message = said(group, member, "Hors sujet")
    content_hide(actor=founder, target=message, reason="Hors sujet.")
    assert messages_latest(group=group) == []
    content_restore(actor=founder, target=message, reason="Relu.")
    assert [shown.pk for shown in messages_latest(group=group)] == [message.pk]
    assert list(ModerationLogEntry.objects.filter(group=group, target_kind="chat_message")
                .values_list("action", flat=True).order_by("pk")) == [LogAction.CONTENT_HIDDEN,
                                                                      LogAction.CONTENT_RESTORED]


@pytest.mark.parametrize("seconds, language, words", [
    (0, "fr", "Discussion en direct : mode lent désactivé"),
    (30, "en", "Live chat: one message every 30 seconds"),
    (1, "de", "Live-Chat: eine Nachricht pro Sekunde"),
])
def test_the_log_words_the_chats_slow_mode_in_the_readers_language(seconds, language, words):
    group, founder, _member = chat_group()
    if seconds == 0:
        chat_slow_mode_set(actor=founder, group=group, seconds=10)
    chat_slow_mode_set(actor=founder, group=group, seconds=seconds)
    entry = ModerationLogEntry.objects.filter(group=group, target_kind=SLOW_MODE_SUBJECT).latest("pk")
    with translation.override(language):
        assert registry.subject_kinds.get(SLOW_MODE_SUBJECT)(entry.target_facts) == words
