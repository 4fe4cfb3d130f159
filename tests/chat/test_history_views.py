"""The chat's history over HTTP: pages of 50 messages before a seq, in HTML for reading and as
the socket's message frames in JSON for the live client's reload; bad input is a 400 with a
clear message, never an error of the server; each reader's mutes and blocks followed."""

from html import unescape

import pytest
from django.urls import reverse

from chat.selectors import message_frame
from moderation.services.content import content_hide
from moderation.services.safety import member_block, member_mute
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join
from tests.queries import SESSION_QUERIES

from .builders import chat_group, said

pytestmark = pytest.mark.django_db


def history(group, query="") -> str:
    return reverse("chat_history", kwargs={"slug": group.slug}) + query


@pytest.fixture
def conversation(client, no_flood_limits):
    """120 messages, the member and the moderator taking turns."""
    group, moderator, member = chat_group()
    messages = [said(group, (member, moderator)[index % 2], f"Message {index}") for index in range(120)]
    client.force_login(member)
    return group, messages


def test_a_history_page_shows_the_50_messages_before_a_seq_and_links_to_older_ones(conversation, client):
    group, messages = conversation
    response = client.get(history(group, f"?before={messages[100].seq}"))
    assert response.status_code == 200
    page = response.content.decode()
    assert [f'data-seq="{message.seq}"' in page for message in messages] == (
        [False] * 50 + [True] * 50 + [False] * 20)
    assert f'?before={messages[50].seq}"' in page
    assert_valid_html(response)


def test_the_oldest_page_has_no_link_further_back(conversation, client):
    group, messages = conversation
    page = client.get(history(group, f"?before={messages[30].seq}")).content.decode()
    assert page.count('data-seq="') == 30
    assert "Messages encore plus anciens" not in page


def test_before_the_first_message_the_page_says_there_is_nothing_older(conversation, client):
    group, messages = conversation
    response = client.get(history(group, f"?before={messages[0].seq}"))
    assert response.status_code == 200
    assert "Il n'y a pas de messages plus anciens." in unescape(response.content.decode())


def test_the_json_history_is_the_socket_s_message_frames_and_the_seq_to_ask_before(conversation, client):
    group, messages = conversation
    response = client.get(history(group, f"?before={messages[100].seq}&format=json"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json() == {"messages": [message_frame(message) for message in messages[50:100]],
                               "before": messages[50].seq}


def test_asked_for_json_without_a_seq_it_gives_the_latest_messages_as_the_client_reloads_them(conversation, client):
    group, messages = conversation
    response = client.get(history(group), HTTP_ACCEPT="application/json")
    assert response.json()["messages"] == [message_frame(message) for message in messages[70:]]
    assert response.json()["before"] == messages[70].seq
    assert "Accept" in response["Vary"]


def test_the_last_json_page_says_there_is_nothing_before(conversation, client):
    group, messages = conversation
    body = client.get(history(group, f"?before={messages[10].seq}&format=json")).json()
    assert body["before"] is None and len(body["messages"]) == 10


def test_hidden_messages_are_left_out_of_the_history(conversation, client):
    group, messages = conversation
    content_hide(actor=group.created_by, target=messages[5], reason="Hors charte.")
    body = client.get(history(group, f"?before={messages[10].seq}&format=json")).json()
    assert [frame["seq"] for frame in body["messages"]] == [message.seq for message in messages[:10] if message != messages[5]]


def test_a_muted_members_messages_are_folded_on_the_page_with_no_words_nor_link(conversation, client):
    group, messages = conversation
    moderator = group.created_by
    member = messages[0].author
    member_mute(actor=member, member=moderator)
    response = client.get(history(group, f"?before={messages[4].seq}"))
    page = unescape(response.content.decode())
    assert page.count("Message d'une personne que vous avez mise en sourdine ou bloquée.") == 2
    assert "Message 1<" not in page and "Message 3<" not in page and "Message 2<" in page
    assert f"/{messages[1].pk}/" not in page and f'data-seq="{messages[1].seq}"' in page
    assert_valid_html(response)


def test_the_json_history_folds_whom_the_reader_blocked_and_leaves_out_who_blocked_them(conversation, client):
    group, messages = conversation
    moderator, member = group.created_by, messages[0].author
    other = join(group)
    said(group, other, "Un mot d'une autre")
    member_block(actor=member, member=moderator)
    body = client.get(history(group, f"?before={messages[4].seq}&format=json")).json()
    assert body["messages"][1] == {"type": "message", "seq": messages[1].seq, "folded": True,
                                   "created_at": message_frame(messages[1])["created_at"]}
    assert body["messages"][0] == message_frame(messages[0])
    member_block(actor=other, member=member)
    latest = client.get(history(group, "?format=json")).json()["messages"]
    assert [frame["seq"] for frame in latest] == [message.seq for message in messages[70:]]


def test_a_history_page_costs_the_same_queries_whatever_its_length(client, django_assert_num_queries, no_flood_limits):
    group, moderator, member = chat_group()
    client.force_login(member)
    said(group, moderator, "Seul message.")
    with django_assert_num_queries(SESSION_QUERIES + 5):
        client.get(history(group, "?before=1000"))
    for index in range(70):
        said(group, member, f"Encore {index}")
    with django_assert_num_queries(SESSION_QUERIES + 5):
        client.get(history(group, "?before=1000"))
    with django_assert_num_queries(SESSION_QUERIES + 4):
        client.get(history(group, "?before=1000&format=json"))


@pytest.mark.parametrize("before", ["abc", "-1", "0", "1.5", "", "99999999999999999999999", str(2**63), "١٢"])
@pytest.mark.parametrize("as_json", [False, True])
def test_a_seq_that_names_nothing_is_a_400_with_a_clear_message(conversation, client, before, as_json):
    group, _messages = conversation
    response = client.get(history(group, f"?before={before}" + ("&format=json" if as_json else "")))
    assert response.status_code == 400
    if as_json:
        assert "historique" in response.json()["error"]
    else:
        assert "Cette page de l'historique n'existe pas" in unescape(response.content.decode())


def test_an_unknown_format_is_a_400(conversation, client):
    group, _messages = conversation
    response = client.get(history(group, "?format=xml"))
    assert response.status_code == 400
    assert "Ce format n'existe pas" in unescape(response.content.decode())


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_history_is_only_read(conversation, client, method):
    group, _messages = conversation
    assert getattr(client, method)(history(group)).status_code == 405


def test_the_history_is_for_members_only(client):
    group, moderator, _member = chat_group()
    said(group, moderator, "Entre nous seulement.")
    assert client.get(history(group)).status_code == 302
    client.force_login(UserFactory())
    for query in ("", "?format=json"):
        response = client.get(history(group, query))
        assert response.status_code == 403
        assert "Entre nous seulement." not in response.content.decode()
