"""Proposing to close a group from its proposals page, and what bad requests get."""

import pytest

from entraide.models import Group
from entraide.services.groups import group_stop
from moderation.models import REASON_MAX_LENGTH, Proposal, ProposalKind
from moderation.services.proposals import group_close_propose
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group

pytestmark = pytest.mark.django_db

REASON = "Le groupe ne se réunit plus depuis des mois."


def close_url(group):
    return f"/groups/{group.slug}/proposals/close/"


def founded(client):
    founder = UserFactory()
    group = make_group(founder)
    client.force_login(founder)
    return group, founder


def test_a_role_holder_finds_the_form_from_the_proposals_page(client):
    group, _founder = founded(client)
    page = client.get(f"/groups/{group.slug}/proposals/")
    assert close_url(group) in page.content.decode()
    form = client.get(close_url(group))
    assert form.status_code == 200
    assert_valid_html(form)


def test_a_member_without_a_role_is_not_offered_the_form_and_is_refused_it(client):
    group = make_group()
    client.force_login(join(group))
    assert close_url(group) not in client.get(f"/groups/{group.slug}/proposals/").content.decode()
    assert client.get(close_url(group)).status_code == 403
    assert client.post(close_url(group), {"reason": REASON}).status_code == 403
    assert not Proposal.objects.exists()


def test_proposing_opens_the_proposal_and_the_proposals_page_shows_its_reason(client):
    group, _founder = founded(client)
    response = client.post(close_url(group), {"reason": REASON})
    assert response.status_code == 302
    assert Proposal.objects.get().kind == ProposalKind.CLOSE_GROUP
    page = client.get(f"/groups/{group.slug}/proposals/")
    assert_valid_html(page)
    assert REASON in page.content.decode()


def test_posting_the_form_twice_opens_one_proposal_and_says_why(client):
    group, _founder = founded(client)
    assert client.post(close_url(group), {"reason": REASON}).status_code == 302
    again = client.post(close_url(group), {"reason": REASON})
    assert again.status_code == 409
    assert_valid_html(again)
    assert "déjà en consultation" in again.content.decode()
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "x" * (REASON_MAX_LENGTH + 1)])
def test_an_empty_or_overlong_reason_gets_a_message_and_keeps_nothing(client, reason):
    group, _founder = founded(client)
    response = client.post(close_url(group), {"reason": reason})
    assert response.status_code == 400
    assert_valid_html(response)
    assert 'class="errorlist' in response.content.decode()
    assert not Proposal.objects.exists()


def test_other_methods_are_refused(client):
    group, _founder = founded(client)
    assert client.put(close_url(group)).status_code == 405
    assert client.delete(close_url(group)).status_code == 405


def test_the_proposal_routes_refuse_get_and_ids_too_large(client):
    group, founder = founded(client)
    proposal = group_close_propose(actor=founder, group=group, reason=REASON)
    assert client.get(f"/groups/{group.slug}/proposals/{proposal.pk}/object/").status_code == 405
    assert client.get(f"/groups/{group.slug}/proposals/{proposal.pk}/withdraw/").status_code == 405
    too_large = 99999999999999999999
    client.force_login(join(group))
    response = client.post(f"/groups/{group.slug}/proposals/{too_large}/object/", {"reason": "Non."})
    assert response.status_code == 404


def test_a_stopped_group_offers_no_more_proposals(client):
    group, founder = founded(client)
    group_stop(actor=None, group=group)
    page = client.get(f"/groups/{group.slug}/proposals/")
    assert page.status_code == 200
    assert close_url(group) not in page.content.decode()
    assert "/proposals/charter/" not in page.content.decode()
    refused = client.post(close_url(group), {"reason": REASON})
    assert refused.status_code == 403
    assert "arrêté" in refused.content.decode()
    assert Group.objects.get(pk=group.pk).stopped_at is not None
