"""Group starters' pages: volunteering with the eligibility said plainly, the open requests,
a group's page to ask, the public guide; bad input is a 4xx, and queries are pinned."""

import pytest
from django.urls import reverse

from entraide.models import Membership
from peers.models import StarterAssignment, StarterRequest, StarterVolunteer
from tests.factories import UserFactory, join
from tests.queries import SESSION_QUERIES

from .starter_builders import accompanied, asked, make_volunteer, new_group, with_roles_held

pytestmark = pytest.mark.django_db


def test_the_guide_is_public_and_has_its_four_sections(client):
    page = client.get(reverse("peer_starter_guide")).content.decode()
    for title in ("Ouvrir la première rencontre", "La charte", "La rotation des rôles", "En cas de crise"):
        assert title in page


def test_a_member_without_enough_roles_is_told_how_long_they_held_them(client):
    client.force_login(with_roles_held(40))
    response = client.get(reverse("peer_starter"))
    assert response.status_code == 200
    assert "Vous en avez tenu pendant 40 jours." in response.content.decode()
    response = client.post(reverse("peer_starter"), {"languages": ["fr"]})
    assert response.status_code == 403 and not StarterVolunteer.objects.exists()


def test_an_experienced_member_volunteers_and_sees_the_requests(client):
    group, founder = new_group(name="Groupe du lac")
    asked(group, founder, words="Nous démarrons en janvier.")
    member = with_roles_held(200)
    client.force_login(member)
    response = client.post(reverse("peer_starter"), {"languages": ["fr"], "note": "Disponible le soir."})
    assert response.status_code == 302 and response["Location"] == reverse("peer_starter_requests")
    page = client.get(reverse("peer_starter_requests")).content.decode()
    assert "Groupe du lac" in page and "Nous démarrons en janvier." in page and "Français" in page
    assert client.post(reverse("peer_starter"), {"languages": ["fr"]}).status_code == 409


def test_bad_volunteering_is_a_400(client):
    client.force_login(with_roles_held(200))
    assert client.post(reverse("peer_starter"), {"languages": ["xx"]}).status_code == 400
    assert client.post(reverse("peer_starter"), {"languages": ["fr"], "note": "x" * 1001}).status_code == 400


def test_taking_a_request_joins_the_group(client):
    group, founder = new_group()
    request = asked(group, founder)
    starter = make_volunteer()
    client.force_login(starter)
    response = client.post(reverse("peer_starter_request_take", args=[request.pk]),
                           {"charter_version": group.charter_version})
    assert response.status_code == 302 and response["Location"] == reverse("group_detail", args=[group.slug])
    assert Membership.objects.filter(group=group, user=starter).exists()
    # Taken: no one sees it any more, its page is a 404, twice as for a stranger.
    assert client.post(reverse("peer_starter_request_take", args=[request.pk])).status_code == 404


def test_a_request_out_of_reach_or_an_id_too_large_is_a_404(client):
    group, founder = new_group(languages=("de",))
    request = asked(group, founder)
    client.force_login(make_volunteer(languages=("fr",)))
    assert client.post(reverse("peer_starter_request_take", args=[request.pk])).status_code == 404
    assert client.post(f"/peers/starters/requests/{10**30}/take/").status_code == 404
    assert client.get(reverse("peer_starter_group", args=["no-such-group"])).status_code == 404


def test_a_new_groups_role_holder_asks_from_the_group_page(client):
    group, founder = new_group()
    client.force_login(founder)
    assert "Demander un·e accompagnant·e" in client.get(reverse("peer_home")).content.decode()
    assert client.post(reverse("peer_starter_group", args=[group.slug]), {"words": "x" * 1001}).status_code == 400
    assert client.post(reverse("peer_starter_group", args=[group.slug]), {"words": ""}).status_code == 400
    response = client.post(reverse("peer_starter_group", args=[group.slug]), {"words": "Aidez-nous à démarrer."})
    assert response.status_code == 302
    assert StarterRequest.objects.get(group=group).words == "Aidez-nous à démarrer."
    assert client.post(reverse("peer_starter_group", args=[group.slug]), {"words": "Encore"}).status_code == 409


def test_a_plain_member_cannot_ask_and_a_stranger_does_not_see_the_page(client):
    group, _founder = new_group()
    client.force_login(join(group))
    assert client.post(reverse("peer_starter_group", args=[group.slug]), {"words": "Bonjour"}).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("peer_starter_group", args=[group.slug])).status_code == 404


def test_the_group_page_names_who_accompanies_it(client):
    assignment = accompanied()
    client.force_login(assignment.group.created_by)
    page = client.get(reverse("peer_starter_group", args=[assignment.group.slug])).content.decode()
    assert f"{assignment.starter.pseudonym} accompagne le groupe" in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_requests_list_takes_the_same_queries_however_many(count, client, django_assert_num_queries):
    for index in range(count):
        group, founder = new_group(name=f"Nouveau groupe {index}")
        asked(group, founder)
    volunteer = make_volunteer()
    client.force_login(volunteer)
    # Session, member, the volunteer with languages (two), the requests with their groups and
    # languages (two), the header's count.
    with django_assert_num_queries(SESSION_QUERIES + 6):
        assert client.get(reverse("peer_starter_requests")).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_volunteer_page_takes_the_same_queries_however_many_groups(count, client, django_assert_num_queries):
    starter = make_volunteer()
    for _index in range(count):
        accompanied(starter=starter)
        StarterAssignment.objects.filter(starter=starter).update(ended_at="2026-01-01T00:00Z", end_reason="term")
    client.force_login(starter)
    # Session, member, the volunteer with languages (two), the time in roles, the assignments with
    # their groups, the header's count.
    with django_assert_num_queries(SESSION_QUERIES + 6):
        assert client.get(reverse("peer_starter")).status_code == 200


def test_the_group_page_has_fixed_queries(client, django_assert_num_queries):
    assignment = accompanied()
    client.force_login(assignment.group.created_by)
    # Session, member, the group with the standing, the open request, who accompanies it, the
    # header's count.
    with django_assert_num_queries(SESSION_QUERIES + 5):
        assert client.get(reverse("peer_starter_group", args=[assignment.group.slug])).status_code == 200


def test_the_group_page_says_a_starter_accompanies_it_without_naming_them(client):
    assignment = accompanied()
    html = client.get(assignment.group.get_absolute_url()).content.decode()
    assert "accompagné pour son lancement" in html and assignment.starter.pseudonym not in html
    assert reverse("peer_starter_group", args=[assignment.group.slug]) in html


def test_a_role_holder_withdraws_the_groups_request_and_a_second_time_is_told_it_is_settled(client):
    group, founder = new_group()
    request = asked(group, founder)
    client.force_login(founder)
    url = reverse("peer_starter_request_withdraw", args=[group.slug])
    assert "Retirer la demande" in client.get(reverse("peer_starter_group", args=[group.slug])).content.decode()
    assert client.post(url).status_code == 302
    request.refresh_from_db()
    assert request.status == "withdrawn"
    response = client.post(url)
    assert response.status_code == 409 and "plus en attente" in response.content.decode()
    client.force_login(UserFactory())
    assert client.post(url).status_code == 404
