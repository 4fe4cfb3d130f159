"""The chat page's settings forms: a member hides their presence or shows it again, a moderator
sets the slow mode; both post, redirect to the page and say what changed."""

from html import unescape

import pytest
from django.urls import reverse

from chat.models import ChatRoom, ChatSettings
from chat.services import chat_presence_hide_set, chat_slow_mode_set
from entraide.permissions import MEMBERS_ONLY
from moderation.models import LogAction, ModerationLogEntry
from moderation.permissions import MODERATORS_ONLY
from tests.conftest import assert_valid_html
from tests.factories import UserFactory

from .builders import chat_group

pytestmark = pytest.mark.django_db


def room(group) -> str:
    return reverse("chat_room", kwargs={"slug": group.slug})


def presence(group) -> str:
    return reverse("chat_presence", kwargs={"slug": group.slug})


def slow_mode(group) -> str:
    return reverse("chat_slow_mode", kwargs={"slug": group.slug})


def hides_presence(member) -> bool:
    return ChatSettings.objects.filter(member=member, hide_presence=True).exists()


def slow_mode_of(group) -> int:
    return ChatRoom.objects.filter(group=group).values_list("slow_mode_seconds", flat=True).first() or 0


# --- Presence ----------------------------------------------------------------------------------

def test_a_member_hides_their_presence_and_comes_back_to_the_page_told_so(client):
    group, _moderator, member = chat_group()
    client.force_login(member)
    assert "Ne pas montrer ma présence dans la discussion" in client.get(room(group)).content.decode()
    response = client.post(presence(group), {"hidden": "1"})
    assert response.status_code == 302 and response["Location"] == room(group)
    assert hides_presence(member)
    page = client.get(room(group))
    text = unescape(page.content.decode())
    assert "Votre présence n'est plus montrée dans les discussions de vos groupes." in text
    assert "Montrer à nouveau ma présence dans la discussion" in text
    assert_valid_html(page)


def test_a_member_who_hid_their_presence_shows_it_again(client):
    group, _moderator, member = chat_group()
    chat_presence_hide_set(actor=member, hidden=True)
    client.force_login(member)
    response = client.post(presence(group), {"hidden": "0"})
    assert response.status_code == 302
    assert not hides_presence(member)
    assert "Votre présence est de nouveau montrée" in unescape(client.get(room(group)).content.decode())


def test_hiding_presence_twice_leaves_it_hidden_and_says_so_again(client):
    group, _moderator, member = chat_group()
    client.force_login(member)
    assert client.post(presence(group), {"hidden": "1"}).status_code == 302
    assert client.post(presence(group), {"hidden": "1"}).status_code == 302
    assert hides_presence(member)
    assert ChatSettings.objects.filter(member=member).count() == 1


def test_a_moderator_hides_their_presence_as_any_member_does(client):
    group, moderator, _member = chat_group()
    client.force_login(moderator)
    assert client.post(presence(group), {"hidden": "1"}).status_code == 302
    assert hides_presence(moderator)


@pytest.mark.parametrize("posted", [{}, {"hidden": "yes"}, {"hidden": "2"}])
def test_a_presence_form_with_a_value_it_does_not_take_is_a_400_saying_why(client, posted):
    group, _moderator, member = chat_group()
    client.force_login(member)
    response = client.post(presence(group), posted)
    assert response.status_code == 400
    assert "Ce formulaire a expiré : rechargez la page et choisissez à nouveau." in unescape(response.content.decode())
    assert not ChatSettings.objects.exists()


def test_someone_outside_the_group_cannot_set_their_presence_there(client):
    group, _moderator, _member = chat_group()
    outsider = UserFactory()
    client.force_login(outsider)
    response = client.post(presence(group), {"hidden": "1"})
    assert response.status_code == 403
    assert str(MEMBERS_ONLY) in unescape(response.content.decode())
    assert not hides_presence(outsider)


def test_an_anonymous_visitor_posting_presence_is_sent_to_sign_in(client):
    group, _moderator, _member = chat_group()
    response = client.post(presence(group), {"hidden": "1"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not ChatSettings.objects.exists()


# --- Slow mode ---------------------------------------------------------------------------------

def test_a_moderator_sets_slow_mode_and_everyone_reads_it_on_the_page(client):
    group, moderator, member = chat_group()
    client.force_login(moderator)
    assert 'name="seconds"' in client.get(room(group)).content.decode()
    response = client.post(slow_mode(group), {"seconds": "30"})
    assert response.status_code == 302 and response["Location"] == room(group)
    assert slow_mode_of(group) == 30
    entry = ModerationLogEntry.objects.get(action=LogAction.SLOW_MODE_SET)
    assert (entry.actor, entry.group) == (moderator, group)
    assert "Le mode lent est réglé." in unescape(client.get(room(group)).content.decode())
    client.force_login(member)
    page = client.get(room(group))
    assert "Mode lent : un message toutes les 30 secondes au plus." in unescape(page.content.decode())
    assert_valid_html(page)


def test_a_moderator_turns_slow_mode_off(client):
    group, moderator, _member = chat_group()
    chat_slow_mode_set(actor=moderator, group=group, seconds=60)
    client.force_login(moderator)
    assert client.post(slow_mode(group), {"seconds": "0"}).status_code == 302
    assert slow_mode_of(group) == 0
    text = unescape(client.get(room(group)).content.decode())
    assert "Le mode lent est désactivé." in text
    assert "Pas de mode lent : chacun·e écrit à son rythme." in text


def test_the_same_slow_mode_posted_twice_changes_nothing_and_says_it_was_already_so(client):
    group, moderator, _member = chat_group()
    client.force_login(moderator)
    assert client.post(slow_mode(group), {"seconds": "10"}).status_code == 302
    assert client.post(slow_mode(group), {"seconds": "10"}).status_code == 302
    assert slow_mode_of(group) == 10
    assert ModerationLogEntry.objects.filter(action=LogAction.SLOW_MODE_SET).count() == 1
    assert "La discussion a déjà ce réglage." in unescape(client.get(room(group)).content.decode())


def test_a_slow_mode_set_outside_the_list_is_shown_as_it_is_in_the_moderators_form(client):
    group, moderator, _member = chat_group()
    chat_slow_mode_set(actor=moderator, group=group, seconds=45)
    client.force_login(moderator)
    page = client.get(room(group))
    assert '<option value="45" selected>45 secondes</option>' in page.content.decode()
    assert_valid_html(page)


@pytest.mark.parametrize("seconds", ["", "quinze", "45", "-10", "3601", "99999999999999999999999"])
def test_a_slow_mode_not_in_the_list_is_a_400_saying_why(client, seconds):
    group, moderator, _member = chat_group()
    client.force_login(moderator)
    response = client.post(slow_mode(group), {"seconds": seconds})
    assert response.status_code == 400
    assert "Choisissez un délai dans la liste." in unescape(response.content.decode())
    assert slow_mode_of(group) == 0


def test_a_member_sees_no_slow_mode_form_and_posting_one_is_refused_with_the_reason(client):
    group, _moderator, member = chat_group()
    client.force_login(member)
    assert 'name="seconds"' not in client.get(room(group)).content.decode()
    response = client.post(slow_mode(group), {"seconds": "30"})
    assert response.status_code == 403
    assert str(MODERATORS_ONLY) in unescape(response.content.decode())
    assert slow_mode_of(group) == 0


def test_someone_outside_the_group_cannot_set_its_slow_mode(client):
    group, _moderator, _member = chat_group()
    client.force_login(UserFactory())
    assert client.post(slow_mode(group), {"seconds": "30"}).status_code == 403
    assert slow_mode_of(group) == 0


def test_an_anonymous_visitor_posting_slow_mode_is_sent_to_sign_in(client):
    group, _moderator, _member = chat_group()
    response = client.post(slow_mode(group), {"seconds": "30"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert slow_mode_of(group) == 0


# --- Both ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("address", [presence, slow_mode])
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_the_settings_addresses_take_only_post(client, address, method):
    group, moderator, _member = chat_group()
    client.force_login(moderator)
    assert getattr(client, method)(address(group)).status_code == 405


@pytest.mark.parametrize("name", ["chat_presence", "chat_slow_mode"])
def test_the_settings_of_a_group_that_does_not_exist_are_a_404(client, name):
    client.force_login(UserFactory())
    assert client.post(reverse(name, kwargs={"slug": "no-such-group"}), {"seconds": "30", "hidden": "1"}).status_code == 404
