import html

import pytest

from entraide.models import Visibility
from moderation.models import GroupBan, RemovalProposal, RoleKind
from moderation.permissions import ROLE_HOLDERS_ONLY
from moderation.services.removal import removal_propose
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group

from .builders import end_term, give_role, removed_from
from .report_builders import moderator_of, notes

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def as_(client, user):
    client.logout()
    client.force_login(user)
    return client


@pytest.fixture
def scene(notes):
    group = make_group()
    moderator = moderator_of(group, join(group))
    host = give_role(group, join(group), RoleKind.HOST)
    author, reporter = join(group), join(group)
    return group, moderator, host, author, reporter


def test_removal_through_the_pages_needs_two_holders(client, scene):
    group, moderator, host, author, reporter = scene
    as_(client, host)
    response = client.post(f"/groups/{group.slug}/removals/propose/", {"member": author.pk, "reason": "Menaces"})
    assert response.status_code == 302
    proposal = RemovalProposal.objects.get()
    page = client.get(f"/groups/{group.slug}/removals/")
    assert_valid_html(page)
    assert "Confirmer l'exclusion" not in text(page)
    alone = client.post(f"/groups/{group.slug}/removals/{proposal.pk}/confirm/", {"reason": "Oui"})
    assert alone.status_code == 403
    assert "personne n'exclut seul·e" in text(alone)
    assert not GroupBan.objects.exists()
    empty = as_(client, moderator).post(f"/groups/{group.slug}/removals/{proposal.pk}/confirm/", {"reason": ""})
    assert empty.status_code == 400
    confirmed = client.post(f"/groups/{group.slug}/removals/{proposal.pk}/confirm/", {"reason": "Confirmé"})
    assert confirmed.status_code == 302
    assert GroupBan.objects.filter(member=author).exists()
    assert as_(client, author).get(f"/groups/{group.slug}/my-decisions/").status_code == 200


@pytest.mark.parametrize("member", ["", "abc", "999999"])
def test_a_forged_member_in_a_removal_gets_a_clear_message(client, scene, member):
    group, moderator, host, author, reporter = scene
    response = as_(client, host).post(f"/groups/{group.slug}/removals/propose/", {"member": member, "reason": "Spam"})
    assert response.status_code == 400
    assert "Choisissez un membre du groupe" in text(response)
    assert not RemovalProposal.objects.exists()


def test_a_holder_cancels_a_removal_from_the_page(client, scene):
    group, moderator, host, author, reporter = scene
    proposal = removal_propose(actor=host, group=group, member=author, reason="Spam")
    response = as_(client, moderator).post(f"/groups/{group.slug}/removals/{proposal.pk}/cancel/",
                                           {"reason": "Malentendu"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.cancelled


def test_a_role_holder_whose_term_ended_reads_on_the_403_page_why_they_cannot_propose_a_removal(client, scene):
    group, moderator, host, author, reporter = scene
    end_term(group, host)
    response = as_(client, host).post(f"/groups/{group.slug}/removals/propose/", {"member": author.pk, "reason": "Menaces"})
    assert response.status_code == 403
    assert_valid_html(response)
    assert str(ROLE_HOLDERS_ONLY) in text(response)
    assert not RemovalProposal.objects.exists()


def test_a_removed_member_still_reads_their_decisions_page_of_an_unlisted_group_and_nothing_else_of_it(client):
    group = make_group(name="Entre nous, sans annuaire", visibility=Visibility.UNLISTED)
    member = removed_from(group, join(group))
    as_(client, member)
    page = client.get(f"/groups/{group.slug}/my-decisions/")
    assert page.status_code == 200
    assert_valid_html(page)
    assert "Des attaques répétées envers d'autres membres." in text(page)
    assert f'action="/groups/{group.slug}/decisions/' in text(page)  # they may still appeal
    assert "Retour au groupe" not in text(page)
    for elsewhere in ("", "roles/", "proposals/", "log/", "members/"):
        assert client.get(f"/groups/{group.slug}/{elsewhere}").status_code == 404


def test_an_outsider_of_an_unlisted_group_is_not_shown_its_decisions_page(client):
    group = make_group(visibility=Visibility.UNLISTED)
    assert as_(client, UserFactory()).get(f"/groups/{group.slug}/my-decisions/").status_code == 404
