import pytest

from moderation.models import Objection, Proposal, ProposalStatus, RoleHolding, RoleKind
from moderation.services.proposals import charter_change_propose, proposal_object
from moderation.services.roles import role_volunteer
from moderation.tasks import settle_due_proposals
from tests.conftest import assert_valid_html
from tests.factories import join, make_group
from tests.queries import SESSION_QUERIES

from .builders import window_passed

pytestmark = pytest.mark.django_db


def roles_url(group):
    return f"/groups/{group.slug}/roles/"


def proposals_url(group):
    return f"/groups/{group.slug}/proposals/"


def as_(client, user):
    client.force_login(user)
    return client


def test_the_proposals_page_takes_the_same_queries_with_few_or_many_proposals(client, django_assert_num_queries):
    group = make_group()
    reader = join(group)
    role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    blocked = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    proposal_object(actor=join(group), proposal=blocked, reason="Pas maintenant.")
    as_(client, reader)
    with django_assert_num_queries(SESSION_QUERIES + 7) as few:
        client.get(proposals_url(group))
    for role in (RoleKind.HOST, RoleKind.WELCOME, RoleKind.MODERATOR):
        for _ in range(3):
            proposal = role_volunteer(actor=join(group), group=group, role=role)
            proposal_object(actor=join(group), proposal=proposal, reason="Pas maintenant.")
    charter_change_propose(actor=join(group), group=group, charter_text="Une autre charte.")
    as_(client, reader)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(proposals_url(group))
    assert response.content.decode().count("Pas maintenant.") == 10


def test_an_objection_without_reason_is_refused_with_a_message(client):
    group = make_group()
    proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    response = as_(client, join(group)).post(f"/groups/{group.slug}/proposals/{proposal.pk}/object/", {"reason": "  "})
    assert response.status_code == 400
    assert_valid_html(response)
    assert "pourquoi vous objectez" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN and not Objection.objects.exists()


def test_an_objection_blocks_the_proposal_and_the_proposer_sees_the_reason(client):
    group = make_group()
    proposer = join(group)
    proposal = role_volunteer(actor=proposer, group=group, role=RoleKind.HOST)
    response = as_(client, join(group)).post(
        f"/groups/{group.slug}/proposals/{proposal.pk}/object/", {"reason": "Parlons-en d'abord en rencontre."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.BLOCKED
    page = as_(client, proposer).get(proposals_url(group)).content.decode()
    assert "Parlons-en d&#x27;abord en rencontre." in page
    assert "Arrêtée par une objection" in page


def test_acting_on_another_groups_proposal_is_not_found(client):
    group, other = make_group(), make_group(name="Autre groupe")
    member = join(group)
    join(other, member)
    foreign = role_volunteer(actor=join(other), group=other, role=RoleKind.HOST)
    response = as_(client, member).post(f"/groups/{group.slug}/proposals/{foreign.pk}/object/", {"reason": "Non."})
    assert response.status_code == 404
    response = as_(client, member).post(f"/groups/{group.slug}/proposals/{foreign.pk}/withdraw/")
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == ProposalStatus.OPEN and not Objection.objects.exists()


def test_objecting_twice_gets_a_conflict_message(client):
    group = make_group()
    proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    objector = join(group)
    proposal_object(actor=objector, proposal=proposal, reason="Première raison.")
    response = as_(client, objector).post(
        f"/groups/{group.slug}/proposals/{proposal.pk}/object/", {"reason": "Deuxième raison."}
    )
    assert response.status_code == 409
    assert "Vous avez déjà objecté" in response.content.decode()
    assert_valid_html(response)
    assert Objection.objects.count() == 1


def test_the_proposer_withdraws_and_others_cannot(client):
    group = make_group()
    proposer = join(group)
    proposal = role_volunteer(actor=proposer, group=group, role=RoleKind.HOST)
    assert as_(client, join(group)).post(f"/groups/{group.slug}/proposals/{proposal.pk}/withdraw/").status_code == 403
    assert as_(client, proposer).post(f"/groups/{group.slug}/proposals/{proposal.pk}/withdraw/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_a_proposal_whose_window_passed_is_shown_as_being_recorded_until_the_worker_settles_it(client):
    group = make_group()
    member = join(group)
    window_passed(role_volunteer(actor=member, group=group, role=RoleKind.HOST))
    as_(client, member)

    roles_page = client.get(roles_url(group)).content.decode()
    proposals_page = client.get(proposals_url(group)).content.decode()

    assert "la décision est en cours" in roles_page and "la décision est en cours" in proposals_page
    assert "Retirer ma proposition" not in proposals_page
    assert not RoleHolding.objects.current().filter(user=member, role=RoleKind.HOST).exists()
    assert Proposal.objects.get().status == ProposalStatus.OPEN

    assert settle_due_proposals.call() == 1
    assert "Vous tenez ce rôle jusqu" in client.get(roles_url(group)).content.decode()


def test_a_proposal_still_in_consultation_says_when_it_takes_effect_and_can_be_withdrawn(client):
    group = make_group()
    member = join(group)
    role_volunteer(actor=member, group=group, role=RoleKind.HOST)

    page = as_(client, member).get(proposals_url(group)).content.decode()

    assert "sauf objection" in page and "Retirer ma proposition" in page
    assert "la décision est en cours" not in page


def test_a_member_proposes_a_new_charter(client):
    group = make_group()
    as_(client, join(group))
    response = client.get(f"/groups/{group.slug}/proposals/charter/")
    assert response.status_code == 200
    assert_valid_html(response)
    response = client.post(f"/groups/{group.slug}/proposals/charter/", {"charter_text": "- On parle au « je »."})
    assert response.status_code == 302
    assert Proposal.objects.get().charter_text == "- On parle au « je »."


@pytest.mark.parametrize("text, status", [("", 400), ("x" * 10001, 400)])
def test_an_empty_or_overlong_charter_proposal_gets_a_message(client, text, status):
    group = make_group()
    response = as_(client, join(group)).post(f"/groups/{group.slug}/proposals/charter/", {"charter_text": text})
    assert response.status_code == status
    assert 'class="errorlist' in response.content.decode()
    assert_valid_html(response)
    assert not Proposal.objects.exists()


def test_proposing_the_current_charter_gets_a_message(client):
    group = make_group()
    response = as_(client, join(group)).post(f"/groups/{group.slug}/proposals/charter/",
                                             {"charter_text": group.charter})
    assert response.status_code == 400
    assert "charte actuelle" in response.content.decode()


def test_an_overlong_objection_gets_a_message_and_is_not_stored(client):
    group = make_group()
    proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    response = as_(client, join(group)).post(
        f"/groups/{group.slug}/proposals/{proposal.pk}/object/", {"reason": "x" * 2001}
    )
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not Objection.objects.exists()
