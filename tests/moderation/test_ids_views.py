"""Role and removal pages given member ids the database cannot store: a clear 400, or the 403 of
someone who may not act, asked before the id is looked up; never a 500, and nothing written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide import ids
from moderation.models import Proposal, RemovalProposal, RoleKind
from tests.factories import join, make_group

from .builders import give_role

pytestmark = pytest.mark.django_db

TOO_LARGE = "99999999999999999999999"


def as_(client, user):
    client.logout()
    client.force_login(user)
    return client


def hand_on(client, group, to_member, role=RoleKind.WELCOME):
    return client.post(f"/groups/{group.slug}/roles/hand-on/", {"role": role, "to_member": to_member})


def propose_removal(client, group, member):
    return client.post(f"/groups/{group.slug}/removals/propose/", {"member": member, "reason": "Menaces"})


def looked_up(queries, member_id) -> bool:
    return any(str(member_id) in query["sql"] for query in queries)


@pytest.mark.parametrize("to_member", [TOO_LARGE, str(2**63), "0", "-1"])
def test_handing_a_role_on_to_an_id_too_large_answers_400_with_a_message(client, to_member):
    group = make_group()
    member = join(group)
    for holder_or_not in (group.created_by, member):
        response = hand_on(as_(client, holder_or_not), group, to_member)
        assert response.status_code == 400
        assert "Choisissez un membre du groupe." in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_member_without_the_role_is_refused_before_the_member_named_is_looked_up(client):
    group = make_group()
    member = join(group)
    with CaptureQueriesContext(connection) as queries:
        response = hand_on(as_(client, member), group, ids.ID_MAX)
    assert response.status_code == 403
    assert "ne tenez pas ce rôle" in response.content.decode()
    assert not looked_up(queries, ids.ID_MAX)
    assert not Proposal.objects.exists()


def test_a_holder_handing_on_to_the_largest_id_is_told_to_choose_a_member(client):
    group = make_group()
    join(group)
    with CaptureQueriesContext(connection) as queries:
        response = hand_on(as_(client, group.created_by), group, ids.ID_MAX)
    assert looked_up(queries, ids.ID_MAX)  # the holder's request does reach the lookup
    assert response.status_code == 400
    assert "Choisissez un membre du groupe." in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("member", [TOO_LARGE, str(2**63), str(ids.ID_MAX)])
def test_proposing_the_removal_of_an_id_no_member_has_answers_400_with_a_message(client, member):
    group = make_group()
    host = give_role(group, join(group), RoleKind.HOST)
    join(group)
    response = propose_removal(as_(client, host), group, member)
    assert response.status_code == 400
    assert "Choisissez un membre du groupe" in response.content.decode()
    assert not RemovalProposal.objects.exists()


def test_a_member_without_a_role_is_refused_a_removal_before_the_member_named_is_looked_up(client):
    group = make_group()
    member = join(group)
    with CaptureQueriesContext(connection) as queries:
        response = propose_removal(as_(client, member), group, ids.ID_MAX)
    assert response.status_code == 403
    assert not looked_up(queries, ids.ID_MAX)
    assert not RemovalProposal.objects.exists()
