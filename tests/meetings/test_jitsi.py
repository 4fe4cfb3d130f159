"""The room and its token: for members, inside the join window; a signed token for the one
room with the pseudonym and no e-mail, the host as moderator; the embed's origin allowed on
that page alone."""

from datetime import timedelta

import jwt
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import jitsi
from meetings.models import MeetingRoleKind
from meetings.services.roles import meeting_role_take
from moderation.models import RoleKind
from moderation.services.removal import removal_confirm, removal_propose
from tests.factories import UserFactory, join
from tests.moderation.builders import give_role

from .meeting_builders import planned_group, starting_soon, weekly_series

pytestmark = pytest.mark.django_db

SECRET = "a secret only the Jitsi server and the platform know"


@pytest.fixture
def tokens(settings):
    settings.JITSI_BASE_URL = "https://video.example.org"
    settings.JITSI_APP_ID = "entraide"
    settings.JITSI_APP_SECRET = SECRET
    return settings


def _decode(token):
    return jwt.decode(token, SECRET, algorithms=["HS256"], audience="jitsi")


def _soon():
    group, planner = planned_group()
    series = weekly_series(group, planner)
    occurrence = starting_soon(series.occurrences.first(), planner)
    return group, planner, occurrence


def _page(client, user, occurrence):
    client.force_login(user)
    return client.get(reverse("meeting_occurrence", args=[occurrence.series.group.slug, occurrence.pk]))


def test_the_join_window_opens_15_minutes_before_and_closes_at_the_end():
    _group, _planner, occurrence = _soon()
    opens, closes = jitsi.join_window(occurrence)
    assert opens == occurrence.starts_at - timedelta(minutes=15) and closes == occurrence.ends_at


def test_a_token_names_the_exact_room_the_pseudonym_and_no_email(tokens):
    group, _planner, occurrence = _soon()
    member = join(group)
    claims = _decode(jitsi.token_for(member=member, occurrence=occurrence, moderator=False))
    assert claims["iss"] == "entraide" and claims["aud"] == "jitsi" and claims["sub"] == "video.example.org"
    assert claims["room"] == occurrence.series.room_name != "*"
    assert claims["context"]["user"]["name"] == member.pseudonym
    assert member.email not in repr(claims) and "email" not in claims["context"]["user"]
    assert claims["context"]["user"]["moderator"] is False
    assert 0 < claims["exp"] - timezone.now().timestamp() <= jitsi.TOKEN_LIFETIME.total_seconds()


def test_without_a_secret_there_is_no_token(settings):
    settings.JITSI_APP_ID = settings.JITSI_APP_SECRET = ""
    _group, planner, occurrence = _soon()
    assert jitsi.token_for(member=planner, occurrence=occurrence, moderator=True) is None


def test_the_host_gets_a_moderator_token_and_the_page_embeds_the_room_with_its_origin_allowed(client, tokens):
    group, _planner, occurrence = _soon()
    host = join(group)
    meeting_role_take(actor=host, occurrence=occurrence, role=MeetingRoleKind.HOST)
    response = _page(client, host, occurrence)
    content = response.content.decode()
    token = content.split('data-jwt="')[1].split('"')[0]
    claims = _decode(token)
    assert claims["moderator"] is True and claims["context"]["user"]["moderator"] is True
    assert 'src="https://video.example.org/external_api.js"' in content
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' https://video.example.org" in policy
    assert "frame-src https://video.example.org" in policy


def test_another_member_gets_a_token_that_is_not_a_moderators(client, tokens):
    group, _planner, occurrence = _soon()
    member = join(group)
    content = _page(client, member, occurrence).content.decode()
    assert _decode(content.split('data-jwt="')[1].split('"')[0])["moderator"] is False


@pytest.mark.parametrize("who", ["outsider", "removed", "too early"])
def test_no_link_and_no_token_for_an_outsider_a_removed_member_or_outside_the_window(client, tokens, who):
    group, planner = planned_group()
    series = weekly_series(group, planner)
    occurrence = series.occurrences.first()
    if who == "too early":
        reader = join(group)
    else:
        occurrence = starting_soon(occurrence, planner)
        reader = UserFactory() if who == "outsider" else join(group)
        if who == "removed":
            confirmer = join(group)
            give_role(group, confirmer, RoleKind.MODERATOR)
            proposal = removal_propose(actor=planner, group=group, member=reader, reason="Propos blessants.")
            removal_confirm(actor=confirmer, proposal=proposal, reason="Je confirme.")
    response = _page(client, reader, occurrence)
    content = response.content.decode()
    assert series.room_name not in content and "data-jwt" not in content
    assert "video.example.org" not in response.get("Content-Security-Policy", "")
    if who != "too early":
        assert response.status_code in (403, 404)


def test_a_page_without_the_embed_keeps_the_strict_policy(client, tokens):
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.first()
    response = _page(client, planner, occurrence)
    assert response.status_code == 200
    assert "video.example.org" not in response["Content-Security-Policy"]


def test_on_public_meet_jit_si_the_room_opens_in_a_new_tab_and_hosts_are_told_what_to_expect(client, settings):
    settings.JITSI_BASE_URL = "https://meet.jit.si"
    settings.JITSI_APP_ID = settings.JITSI_APP_SECRET = ""
    group, planner, occurrence = _soon()
    content = _page(client, planner, occurrence).content.decode()
    assert f'href="https://meet.jit.si/{occurrence.series.room_name}" target="_blank"' in content
    assert "cinq minutes" in content and "external_api.js" not in content
    member = join(group)
    assert "cinq minutes" not in _page(client, member, occurrence).content.decode()
