"""The safety page and the mute and block buttons beside member names."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from moderation.models import MemberBlock, MemberMute
from moderation.services.safety import member_block, member_mute
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(client):
    """Two members of one group; the client is signed in as the first."""
    group = make_group()
    me, other = join(group), join(group)
    client.force_login(me)
    return me, other


def test_the_safety_page_asks_to_log_in(client):
    response = client.get("/profile/safety/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_safety_page_lists_my_mutes_and_blocks_with_undo_buttons(client, pair, django_assert_max_num_queries):
    me, other = pair
    member_mute(actor=me, member=other)
    member_block(actor=me, member=other)
    with django_assert_max_num_queries(6):
        response = client.get("/profile/safety/")
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert f'action="/members/{other.pk}/unmute/"' in page
    assert f'action="/members/{other.pk}/unblock/"' in page
    assert f"Réafficher {other.pseudonym}" in page


def test_the_confirmation_page_explains_and_posts_to_the_action(client, pair):
    _me, other = pair
    headings = {"mute": f"Mettre {other.pseudonym} en sourdine ?", "block": f"Bloquer {other.pseudonym} ?"}
    for action, heading in headings.items():
        response = client.get(f"/members/{other.pk}/{action}/?next=/groups/")
        assert response.status_code == 200
        assert_valid_html(response)
        page = response.content.decode()
        assert heading in page
        assert f'action="/members/{other.pk}/{action}/"' in page
        assert 'name="next" value="/groups/"' in page


def test_a_member_mutes_from_a_button_and_returns_where_they_were(client, pair):
    me, other = pair
    response = client.post(f"/members/{other.pk}/mute/", {"next": "/groups/"})
    assert response.status_code == 302
    assert response["Location"] == "/groups/"
    assert MemberMute.objects.filter(user=me, muted=other).exists()
    page = client.get("/groups/").content.decode()
    assert f"Vous ne verrez plus les messages de {other.pseudonym}" in page


def test_a_member_blocks_and_unblocks_from_the_safety_page(client, pair):
    me, other = pair
    response = client.post(f"/members/{other.pk}/block/")
    assert response["Location"] == "/profile/safety/"
    assert MemberBlock.objects.filter(user=me, blocked=other).exists()
    response = client.post(f"/members/{other.pk}/unblock/", follow=True)
    assert not MemberBlock.objects.exists()
    assert f"{other.pseudonym} peut de nouveau vous écrire." in response.content.decode()


def test_unmuting_from_the_safety_page(client, pair):
    me, other = pair
    member_mute(actor=me, member=other)
    response = client.post(f"/members/{other.pk}/unmute/", follow=True)
    assert not MemberMute.objects.exists()
    assert f"Vous voyez de nouveau les messages de {other.pseudonym}." in response.content.decode()


def test_muting_twice_gives_a_clear_message_and_409(client, pair):
    me, other = pair
    client.post(f"/members/{other.pk}/mute/")
    response = client.post(f"/members/{other.pk}/mute/")
    assert response.status_code == 409
    assert_valid_html(response)
    assert f"{other.pseudonym} est déjà en sourdine pour vous." in response.content.decode()
    assert MemberMute.objects.count() == 1


def test_blocking_twice_gives_a_clear_message_and_409(client, pair):
    _me, other = pair
    client.post(f"/members/{other.pk}/block/")
    response = client.post(f"/members/{other.pk}/block/")
    assert response.status_code == 409
    assert f"Vous avez déjà bloqué {other.pseudonym}." in response.content.decode()


@pytest.mark.parametrize("action", ["mute", "block"])
def test_muting_or_blocking_oneself_is_refused_with_a_clear_message(client, pair, action):
    me, _other = pair
    response = client.post(f"/members/{me.pk}/{action}/")
    assert response.status_code == 400
    assert "vous-même" in response.content.decode()
    assert client.get(f"/members/{me.pk}/{action}/").status_code == 400
    assert not MemberMute.objects.exists() and not MemberBlock.objects.exists()


@pytest.mark.parametrize("action", ["mute", "block"])
def test_a_stranger_or_a_made_up_number_reveals_nothing(client, pair, action):
    stranger = UserFactory()
    response = client.post(f"/members/{stranger.pk}/{action}/")
    assert response.status_code == 403
    assert stranger.pseudonym not in response.content.decode()
    assert client.post(f"/members/999999/{action}/").status_code == 403
    assert client.get(f"/members/{stranger.pk}/{action}/").status_code == 404
    assert client.get(f"/members/999999/{action}/").status_code == 404
    assert not MemberMute.objects.exists() and not MemberBlock.objects.exists()


def test_undoing_what_was_never_done_says_so(client, pair):
    _me, other = pair
    response = client.post(f"/members/{other.pk}/unmute/")
    assert response.status_code == 409
    assert "pas en sourdine pour vous" in response.content.decode()
    assert client.post("/members/999999/unblock/").status_code == 404


def test_a_next_address_on_another_site_is_ignored(client, pair):
    _me, other = pair
    response = client.post(f"/members/{other.pk}/mute/", {"next": "https://example.com/"})
    assert response["Location"] == "/profile/safety/"


def test_the_actions_need_a_signed_in_member_and_undo_needs_post(client):
    group = make_group()
    other = join(group)
    assert client.post(f"/members/{other.pk}/mute/")["Location"].startswith("/accounts/login/")
    client.force_login(join(group))
    assert client.get(f"/members/{other.pk}/unmute/").status_code == 405


def test_the_member_actions_include_offers_both_buttons_but_not_for_oneself():
    group = make_group()
    me, other = join(group), join(group)
    request = RequestFactory().get("/")
    request.user = me
    html = render_to_string("moderation/safety_member_actions.html", {"member": other, "user": me, "next": "/x/"},
                            request=request)
    assert f'action="/members/{other.pk}/mute/"' in html and f'action="/members/{other.pk}/block/"' in html
    assert 'name="next" value="/x/"' in html
    mine = render_to_string("moderation/safety_member_actions.html", {"member": me, "user": me}, request=request)
    assert "form" not in mine
