import pytest

from entraide.models import Visibility
from entraide.services.groups import group_leave
from moderation.models import Proposal, ProposalStatus, RoleHolding, RoleKind
from moderation.services.roles import role_volunteer
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group
from tests.queries import SESSION_QUERIES

from .builders import end_term, give_role

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


def test_an_outsider_of_an_unlisted_group_gets_404_on_its_roles_page_as_if_it_did_not_exist(client):
    group = make_group(name="Un cercle discret", visibility=Visibility.UNLISTED)
    former = join(group)
    group_leave(actor=former, group=group)
    for outsider in (UserFactory(), UserFactory(is_staff=True, is_superuser=True), former):
        response = as_(client, outsider).get(roles_url(group))
        assert response.status_code == 404
        assert group.name not in response.content.decode()
    assert client.get("/groups/un-groupe-qui-n-existe-pas/roles/").status_code == 404


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
    with django_assert_num_queries(SESSION_QUERIES + 7) as few:
        client.get(roles_url(group))
    for role in (RoleKind.HOST, RoleKind.WELCOME, RoleKind.MODERATOR, RoleKind.TIMEKEEPER):
        for _ in range(3):
            give_role(group, join(group), role)
    as_(client, founder)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(roles_url(group))
    assert response.content.decode().count(", jusqu") == 16


def test_the_pages_refuse_wrong_methods(client):
    group = make_group()
    as_(client, group.created_by)
    assert client.get(f"/groups/{group.slug}/roles/volunteer/").status_code == 405
    assert client.post(roles_url(group)).status_code == 405


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


def test_a_holder_leaves_a_role_from_the_roles_page(client):
    group = make_group()
    founder = group.created_by
    response = as_(client, founder).post(f"/groups/{group.slug}/roles/step-down/", {"role": "timekeeper"})
    assert response.status_code == 302
    assert "Nous cherchons : un·e chronométreur·se" in client.get(roles_url(group)).content.decode()
    response = client.post(f"/groups/{group.slug}/roles/step-down/", {"role": "timekeeper"})
    assert response.status_code == 409
    assert "ne tenez pas ce rôle" in response.content.decode()
