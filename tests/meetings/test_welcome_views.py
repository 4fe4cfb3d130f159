"""On the occurrence page, its welcome contact sees which of the people coming are new and
writes each a welcome; a refusal comes back on the page, with its message and what was typed."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.models import PrivateMessage
from meetings.models import MeetingRoleKind, RsvpAnswer
from meetings.services.roles import meeting_role_take
from meetings.services.rsvps import rsvp_set
from moderation.services.safety import member_block
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group
from tests.queries import SESSION_QUERIES

from .meeting_builders import weekly_series

pytestmark = pytest.mark.django_db

NEW_BADGE = "nouvelle personne"


def settled():
    return UserFactory(date_joined=timezone.now() - timedelta(days=3))


def _url(occurrence, action=""):
    name = f"meeting_occurrence_{action}" if action else "meeting_occurrence"
    return reverse(name, args=[occurrence.series.group.slug, occurrence.pk])


@pytest.fixture
def meeting():
    """The second date of a weekly series, with a welcome contact and a regular who came to the first."""
    planner = settled()
    group = make_group(planner)
    first, second = weekly_series(group, planner).occurrences.order_by("starts_at")[:2]
    contact, regular = join(group, settled()), join(group, settled())
    meeting_role_take(actor=contact, occurrence=second, role=MeetingRoleKind.WELCOME)
    for occurrence in (first, second):
        rsvp_set(actor=regular, occurrence=occurrence, answer=RsvpAnswer.GOING)
    return group, planner, contact, regular, first, second


def _text(response) -> str:
    return unescape(response.content.decode())


def _after(occurrence):
    """A clock a few minutes into `occurrence`, for the pages' timezone.now()."""
    return occurrence.starts_at + timedelta(minutes=5)


def test_the_welcome_contact_sees_who_is_new_and_welcomes_them(client, meeting, monkeypatch):
    group, _planner, contact, regular, first, second = meeting
    newcomer = join(group, settled())
    rsvp_set(actor=newcomer, occurrence=second, answer=RsvpAnswer.GOING)
    monkeypatch.setattr(timezone, "now", lambda: _after(first))
    client.force_login(contact)
    page = _text(client.get(_url(second)))
    assert page.count(NEW_BADGE) == 1
    assert f"Mot d'accueil pour {newcomer.display_name}" in page
    assert f"Mot d'accueil pour {regular.display_name}" not in page
    response = client.post(_url(second, "welcome"), {"member": newcomer.pk, "body": "Bienvenue, à mardi !"},
                           follow=True)
    assert "Votre mot d'accueil est envoyé" in _text(response)
    message = PrivateMessage.objects.get()
    assert message.sender == contact and message.body == "Bienvenue, à mardi !"
    assert message.conversation.other_member_id(contact) == newcomer.pk


def test_once_sent_the_panel_says_so_and_a_welcome_posted_twice_is_refused_409(client, meeting):
    group, _planner, contact, _regular, _first, second = meeting
    newcomer, other_newcomer = join(group, settled()), join(group, settled())
    for member in (newcomer, other_newcomer):
        rsvp_set(actor=member, occurrence=second, answer=RsvpAnswer.GOING)
    client.force_login(contact)
    posted = {"member": newcomer.pk, "body": "Bienvenue, à mardi !"}
    client.post(_url(second, "welcome"), posted)

    page = _text(client.get(_url(second)))
    assert f"{newcomer.display_name} a reçu son mot d'accueil pour cette rencontre" in page
    assert f"Mot d'accueil pour {newcomer.display_name}" not in page
    assert f"Mot d'accueil pour {other_newcomer.display_name}" in page

    again = client.post(_url(second, "welcome"), posted)
    assert again.status_code == 409
    assert f"{newcomer.display_name} a déjà reçu un mot d'accueil pour cette rencontre" in _text(again)
    assert PrivateMessage.objects.count() == 1
    assert_valid_html(again)


def test_other_members_see_no_one_marked_new_and_may_not_welcome(client, meeting):
    group, planner, _contact, _regular, _first, second = meeting
    newcomer = join(group, settled())
    rsvp_set(actor=newcomer, occurrence=second, answer=RsvpAnswer.GOING)
    client.force_login(planner)
    page = _text(client.get(_url(second)))
    assert NEW_BADGE not in page and "Accueillir les nouvelles personnes" not in page
    response = client.post(_url(second, "welcome"), {"member": newcomer.pk, "body": "Bonjour !"})
    assert response.status_code == 403
    assert "Seule la personne d'accueil de cette rencontre" in _text(response)
    assert not PrivateMessage.objects.exists()


def test_a_refused_welcome_comes_back_with_the_conversations_message_and_what_was_typed(client, meeting):
    group, _planner, contact, _regular, _first, second = meeting
    newcomer = join(group, settled())
    rsvp_set(actor=newcomer, occurrence=second, answer=RsvpAnswer.GOING)
    member_block(actor=newcomer, member=contact)
    client.force_login(contact)
    response = client.post(_url(second, "welcome"), {"member": newcomer.pk, "body": "Mes mots à moi."})
    content = _text(response)
    assert response.status_code == 403
    assert "Cette personne ne reçoit pas de messages privés." in content
    assert "Mes mots à moi." in content
    assert not PrivateMessage.objects.exists()


@pytest.mark.parametrize("member", ["", "abc", str(10**30), "0"])
def test_a_welcome_to_no_one_is_answered_400(client, meeting, member):
    _group, _planner, contact, _regular, _first, second = meeting
    client.force_login(contact)
    response = client.post(_url(second, "welcome"), {"member": member, "body": "Bonjour !"})
    assert response.status_code == 400
    assert "Cette personne n'a pas de place pour cette rencontre." in _text(response)


def test_someone_who_came_before_is_refused_400(client, meeting, monkeypatch):
    _group, _planner, contact, regular, first, second = meeting
    monkeypatch.setattr(timezone, "now", lambda: _after(first))
    client.force_login(contact)
    response = client.post(_url(second, "welcome"), {"member": regular.pk, "body": "Bonjour !"})
    assert response.status_code == 400
    assert "Cette personne est déjà venue à une rencontre du groupe." in _text(response)


@pytest.mark.parametrize("size", [2, 10])
def test_the_welcome_contacts_page_costs_the_same_queries_whatever_the_number_coming(
        client, django_assert_num_queries, meeting, size):
    group, _planner, contact, _regular, _first, second = meeting
    newcomers = [join(group, settled()) for _ in range(size - 1)]
    for member in newcomers:
        rsvp_set(actor=member, occurrence=second, answer=RsvpAnswer.GOING)
    client.force_login(contact)
    # Session, user, group, standing, the occurrence with counts, roles, the reader's answer,
    # all answers, the group's holders of the open roles, the newcomers among those coming.
    with django_assert_num_queries(SESSION_QUERIES + 9):
        response = client.get(_url(second))
    assert response.status_code == 200
    assert _text(response).count(NEW_BADGE) == size
    assert_valid_html(response)
