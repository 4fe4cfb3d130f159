"""A member's chat in their export; what stays and what goes when they close their account."""

import json

import pytest

from chat.models import ChatMessage, ChatSettings
from chat.selectors import message_frame
from chat.services import chat_presence_hide_set
from entraide.services.accounts import account_delete

from .builders import chat_group, said

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_members_chat_messages_and_their_chat_preference(client):
    group, founder, member = chat_group()
    said(group, member, "Bonsoir à vous")
    said(group, founder, "Pas dans l'export d'un autre")
    chat_presence_hide_set(actor=member, hidden=True)
    client.force_login(member)
    data = json.loads(client.get("/profile/export.json").content)
    assert [(row["group"], row["seq"], row["body"]) for row in data["chat_messages"]] == [
        (group.name, 1, "Bonsoir à vous")]
    assert data["chat_preferences"] == {"hide_presence": True}


def test_a_closed_account_leaves_its_messages_shown_as_a_former_member_and_its_preference_goes():
    group, _founder, member = chat_group()
    message = said(group, member, "Merci pour ce soir")
    chat_presence_hide_set(actor=member, hidden=True)
    account_delete(actor=member, member=member)
    kept = ChatMessage.objects.select_related("author").get(pk=message.pk)
    assert kept.body == "Merci pour ce soir"
    assert message_frame(kept)["author"]["pseudonym"] == "ancien membre"
    assert not ChatSettings.objects.filter(member=member).exists()
