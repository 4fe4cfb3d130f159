"""A guest account of the listening line stays on the line: any other page sends it back to
its conversation (or to the line's page before the knock), while the line, static files,
signing out, the language switch and crisis help stay open to it. Members and visitors are
not held, and the check reads nothing from the database."""

from html import unescape

import pytest
from django.urls import reverse

from peers.middleware import GUEST_SESSION_KEY, LineGuestMiddleware
from peers.models import DutySlot, LineConversation
from peers.services.line import line_answer, line_end
from tests.factories import UserFactory

from .line_builders import on_duty


def conversation_answered(conversation):
    """The supporter on duty (from the fixture) takes the call; their member."""
    supporter = DutySlot.objects.get().supporter.member
    line_answer(actor=supporter)
    return supporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest_client(client):
    on_duty()
    client.post(reverse("peer_line_guest"), {"pseudonym": "Hibou"})
    return client


def test_before_the_knock_a_guest_is_sent_back_to_the_line_page(guest_client):
    for path in (reverse("home"), reverse("directory"), reverse("profile"), reverse("peer_home")):
        response = guest_client.get(path)
        assert (response.status_code, response["Location"]) == (302, reverse("peer_line")), path


def test_after_the_knock_a_guest_is_sent_back_to_their_conversation_even_when_posting(guest_client):
    guest_client.post(reverse("peer_line_knock"))
    conversation = LineConversation.objects.get()
    back = reverse("peer_line_conversation", args=[conversation.pk])
    assert guest_client.get(reverse("directory"))["Location"] == back
    assert guest_client.post(reverse("group_create"), {"name": "x"})["Location"] == back


def test_the_line_static_files_sign_out_the_language_switch_and_crisis_help_stay_open(guest_client):
    assert guest_client.get(reverse("peer_line")).status_code == 200
    assert guest_client.get(reverse("crisis_help")).status_code == 200
    assert guest_client.get(reverse("account_logout")).status_code == 200
    assert guest_client.post(reverse("language_switch"), {"language": "de", "next": "/"}).status_code == 302
    assert guest_client.get("/static/js/line.js").status_code != 302


def test_a_guest_whose_account_closed_is_an_ordinary_visitor_again(guest_client):
    guest_client.post(reverse("peer_line_knock"))
    guest_client.post(reverse("peer_line_end", args=[LineConversation.objects.get().pk]))
    assert GUEST_SESSION_KEY not in guest_client.session
    assert guest_client.get(reverse("directory")).status_code == 200


def test_a_guest_whose_conversation_the_supporter_ended_is_told_so_on_the_line_page(guest_client):
    guest_client.post(reverse("peer_line_knock"))
    conversation = LineConversation.objects.get()
    supporter = conversation_answered(conversation)
    line_end(actor=supporter, conversation=conversation)
    response = guest_client.get(reverse("peer_line_conversation", args=[conversation.pk]))
    assert response["Location"] == reverse("peer_line")
    html = unescape(guest_client.get(response["Location"]).content.decode())
    assert "La conversation est terminée et votre accès invité·e est fermé." in html
    assert GUEST_SESSION_KEY not in guest_client.session
    assert guest_client.get(reverse("directory")).status_code == 200


def test_members_are_not_held_and_the_check_reads_nothing(client, django_assert_num_queries):
    client.force_login(UserFactory())
    assert client.get(reverse("directory")).status_code == 200
    request = client.get(reverse("robots_txt")).wsgi_request
    middleware = LineGuestMiddleware(lambda request: "passed")
    # The session is already loaded by the request: the middleware itself asks nothing.
    with django_assert_num_queries(0):
        assert middleware(request) == "passed"
