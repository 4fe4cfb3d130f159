import pytest

from entraide.models import Visibility
from moderation.models import LogAction, ModerationLogEntry, Objection, Proposal, ProposalStatus, RoleHolding, RoleKind
from moderation.services.proposals import charter_change_propose, proposal_object
from moderation.services.roles import role_volunteer
from moderation.tasks import settle_due_proposals
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group

from .builders import end_term, give_role, window_passed

pytestmark = pytest.mark.django_db


def roles_url(group):
    return f"/groups/{group.slug}/roles/"


def proposals_url(group):
    return f"/groups/{group.slug}/proposals/"


def log_url(group):
    return f"/groups/{group.slug}/log/"


def as_(client, user):
    client.force_login(user)
    return client


# --- Who sees the pages ------------------------------------------------------------------------

@pytest.mark.parametrize("page", [roles_url, proposals_url, log_url])
def test_members_see_the_pages_and_they_are_valid_html(client, page):
    group = make_group()
    role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    for user in (group.created_by, join(group), end_term(group, join(group))):
        response = as_(client, user).get(page(group))
        assert response.status_code == 200
        assert_valid_html(response)


@pytest.mark.parametrize("page", [roles_url, proposals_url, log_url])
def test_outsiders_and_staff_get_403_and_visitors_are_asked_to_log_in(client, page):
    group = make_group()
    assert client.get(page(group)).status_code == 302
    assert as_(client, UserFactory()).get(page(group)).status_code == 403
    assert as_(client, UserFactory(is_staff=True, is_superuser=True)).get(page(group)).status_code == 403


@pytest.mark.parametrize("page", [roles_url, proposals_url, log_url])
def test_an_unlisted_group_answers_404_to_outsiders(client, page):
    group = make_group(visibility=Visibility.UNLISTED)
    assert as_(client, UserFactory()).get(page(group)).status_code == 404


# --- Roles page --------------------------------------------------------------------------------

def test_the_roles_page_shows_who_holds_what_until_when_and_what_is_open(client):
    group = make_group()
    end_term(group, group.created_by, RoleKind.TIMEKEEPER)
    page = as_(client, join(group)).get(roles_url(group)).content.decode()
    assert "Nous cherchons : un·e chronométreur·se" in page
    assert f"{group.created_by.pseudonym}, jusqu" in page
    assert "Je me porte volontaire" in page


def test_one_click_makes_a_volunteer_the_holder_of_an_open_role(client):
    group = make_group()
    end_term(group, group.created_by, RoleKind.TIMEKEEPER)
    member = join(group)
    response = as_(client, member).post(f"/groups/{group.slug}/roles/volunteer/", {"role": "timekeeper"})
    assert response.status_code == 302
    assert RoleHolding.objects.current().filter(group=group, user=member, role=RoleKind.TIMEKEEPER).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Merci ! Vous êtes Chronométreur·se" in page
    assert "Vous tenez ce rôle jusqu" in page


def test_volunteering_for_a_held_role_opens_a_proposal(client):
    group = make_group()
    member = join(group)
    response = as_(client, member).post(f"/groups/{group.slug}/roles/volunteer/", {"role": "host"})
    assert response.status_code == 302
    assert Proposal.objects.filter(group=group, proposer=member, status=ProposalStatus.OPEN).exists()
    assert "en consultation" in client.get(roles_url(group)).content.decode()


@pytest.mark.parametrize("data", [{"role": "queen"}, {}, {"role": "logistics"}])
def test_a_forged_role_gets_a_message_and_changes_nothing(client, data):
    group = make_group()
    member = join(group)
    response = as_(client, member).post(f"/groups/{group.slug}/roles/volunteer/", data)
    assert response.status_code == 400
    assert 'message-error' in response.content.decode()
    assert_valid_html(response)
    assert not Proposal.objects.exists() and not RoleHolding.objects.filter(user=member).exists()


def test_an_outsider_cannot_volunteer(client):
    group = make_group()
    response = as_(client, UserFactory()).post(f"/groups/{group.slug}/roles/volunteer/", {"role": "host"})
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_handing_on_to_someone_outside_the_group_is_refused(client):
    group = make_group()
    other_group = make_group(name="Autre groupe")
    stranger = join(other_group)
    response = as_(client, group.created_by).post(
        f"/groups/{group.slug}/roles/hand-on/", {"role": "welcome", "to_member": stranger.pk}
    )
    assert response.status_code == 400
    assert "Choisissez un membre du groupe." in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_holder_whose_term_ended_cannot_hand_the_role_on(client):
    group = make_group()
    member = join(group)
    founder = end_term(group, group.created_by)
    response = as_(client, founder).post(f"/groups/{group.slug}/roles/hand-on/", {"role": "host", "to_member": member.pk})
    assert response.status_code == 403
    assert "ne tenez pas ce rôle" in response.content.decode()
    assert not Proposal.objects.exists()


def test_handing_on_opens_a_proposal_the_members_see(client):
    group = make_group()
    successor = join(group)
    response = as_(client, group.created_by).post(
        f"/groups/{group.slug}/roles/hand-on/", {"role": "welcome", "to_member": successor.pk}
    )
    assert response.status_code == 302
    page = as_(client, join(group)).get(proposals_url(group)).content.decode()
    assert f"propose de transmettre le rôle Personne d&#x27;accueil à {successor.pseudonym}" in page


def test_role_holders_switch_on_optional_functions_and_members_cannot(client):
    group = make_group()
    assert as_(client, join(group)).post(f"/groups/{group.slug}/roles/functions/", {"logistics": "on"}).status_code == 403
    response = as_(client, group.created_by).post(f"/groups/{group.slug}/roles/functions/", {"logistics": "on"})
    assert response.status_code == 302
    assert "Nous cherchons : une personne pour la logistique" in client.get(roles_url(group)).content.decode()


def test_the_roles_page_takes_the_same_queries_with_few_or_many_holders(client, django_assert_num_queries):
    group = make_group()
    founder = group.created_by
    as_(client, founder)
    with django_assert_num_queries(12) as few:
        client.get(roles_url(group))
    for role in (RoleKind.HOST, RoleKind.WELCOME, RoleKind.MODERATOR, RoleKind.TIMEKEEPER):
        for _ in range(3):
            give_role(group, join(group), role)
    as_(client, founder)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(roles_url(group))
    assert response.content.decode().count(", jusqu") == 16


# --- Proposals page ----------------------------------------------------------------------------

def test_the_proposals_page_takes_the_same_queries_with_few_or_many_proposals(client, django_assert_num_queries):
    group = make_group()
    reader = join(group)
    role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    blocked = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    proposal_object(actor=join(group), proposal=blocked, reason="Pas maintenant.")
    as_(client, reader)
    with django_assert_num_queries(11) as few:
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


def test_the_pages_refuse_wrong_methods(client):
    group = make_group()
    as_(client, group.created_by)
    assert client.get(f"/groups/{group.slug}/roles/volunteer/").status_code == 405
    assert client.post(roles_url(group)).status_code == 405


# --- Log ---------------------------------------------------------------------------------------

def test_the_log_shows_what_was_done_by_whom_and_why(client):
    group = make_group()
    proposal = charter_change_propose(actor=join(group), group=group, charter_text="Nouvelle charte.")
    objector = join(group)
    proposal_object(actor=objector, proposal=proposal, reason="Le texte perd la confidentialité.")
    page = as_(client, join(group)).get(log_url(group)).content.decode()
    assert "Objection à une proposition" in page
    assert objector.pseudonym in page
    assert "Le texte perd la confidentialité." in page
    assert "Rôles de départ" in page


def test_the_log_cannot_be_read_edited_or_deleted_in_the_admin_even_by_a_superuser(client):
    group = make_group()
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.FOUNDING_ROLES)
    as_(client, UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/moderation/moderationlogentry/{entry.pk}/"
    assert client.get(url + "change/").status_code == 404
    assert client.post(url + "change/", {"reason": "effacé", "actor_name": "x"}).status_code == 404
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 404
    entry.refresh_from_db()
    assert entry.reason == "" and ModerationLogEntry.objects.filter(pk=entry.pk).exists()
    member_page = as_(client, group.created_by).get(log_url(group)).content.decode()
    assert "<form" not in member_page.split('<main')[1].split('</main>')[0]


# --- Group page --------------------------------------------------------------------------------

def test_the_group_page_links_members_to_the_roles_and_says_what_is_open(client):
    group = make_group()
    end_term(group, group.created_by, RoleKind.TIMEKEEPER)
    response = as_(client, join(group)).get(group.get_absolute_url())
    page = response.content.decode()
    assert_valid_html(response)
    assert f'href="/groups/{group.slug}/roles/"' in page
    assert "Nous cherchons : un·e chronométreur·se" in page


def test_the_group_page_shows_no_roles_section_to_outsiders(client):
    group = make_group()
    page = as_(client, UserFactory()).get(group.get_absolute_url()).content.decode()
    assert f'/groups/{group.slug}/roles/' not in page


@pytest.mark.parametrize("data", [{"role": "welcome", "to_member": "abc"}, {"role": "welcome"},
                                  {"role": "queen", "to_member": "1"}, {"role": "welcome", "to_member": "999999"}])
def test_forged_hand_on_fields_get_a_message_and_change_nothing(client, data):
    group = make_group()
    join(group)
    response = as_(client, group.created_by).post(f"/groups/{group.slug}/roles/hand-on/", data)
    assert response.status_code == 400
    assert "message-error" in response.content.decode()
    assert not Proposal.objects.exists()


def test_an_overlong_objection_gets_a_message_and_is_not_stored(client):
    group = make_group()
    proposal = role_volunteer(actor=join(group), group=group, role=RoleKind.HOST)
    response = as_(client, join(group)).post(
        f"/groups/{group.slug}/proposals/{proposal.pk}/object/", {"reason": "x" * 2001}
    )
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not Objection.objects.exists()


def test_a_holder_leaves_a_role_from_the_roles_page(client):
    group = make_group()
    founder = group.created_by
    response = as_(client, founder).post(f"/groups/{group.slug}/roles/step-down/", {"role": "timekeeper"})
    assert response.status_code == 302
    assert "Nous cherchons : un·e chronométreur·se" in client.get(roles_url(group)).content.decode()
    response = client.post(f"/groups/{group.slug}/roles/step-down/", {"role": "timekeeper"})
    assert response.status_code == 409
    assert "ne tenez pas ce rôle" in response.content.decode()
