"""A guided group's page shows what its members hold; its hand-over page gives the professional
a form per function they still hold, which opens the rotating roles' own decision."""

import pytest
from django.urls import reverse

from entraide.models import GroupKind, Visibility
from moderation.models import Proposal, ProposalKind
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def guided():
    professional = UserFactory(pseudonym="Pro")
    group = make_group(professional, name="Proches aidants, groupe accompagné", kind=GroupKind.PROFESSIONAL)
    member = join(group, UserFactory(pseudonym="Iris"))
    return group, professional, member


def test_the_group_page_says_how_far_the_members_have_taken_over_without_names(client, guided):
    group, _professional, _member = guided
    response = client.get(reverse("group_detail", args=[group.slug]))
    text = response.content.decode()
    assert "Le groupe reprend la conduite" in text and "0 sur 3 sont tenues par des membres" in text
    assert "Gestion du temps : encore tenue par le ou la professionnel·le" in text
    assert "Aucune rencontre tenue ces trois derniers mois." in text and "Pro" not in text.split("guided-heading")[1]
    assert_valid_html(response)


def test_a_self_managed_group_page_shows_no_hand_over(client):
    assert "Le groupe reprend la conduite" not in client.get(reverse("group_detail", args=[make_group().slug])).content.decode()


def test_the_professional_hands_the_timekeeping_to_a_member_from_the_hand_over_page(client, guided):
    group, professional, member = guided
    client.force_login(professional)
    page = client.get(reverse("guided_leadership", args=[group.slug]))
    assert page.status_code == 200 and "Proposer de transmettre : Gestion du temps" in page.content.decode()
    assert_valid_html(page)
    response = client.post(reverse("group_role_hand_on", args=[group.slug]),
                           {"role": "timekeeper", "to_member": member.pk}, follow=True)
    assert "sans objection, Iris sera" in response.content.decode()
    assert Proposal.objects.filter(group=group, kind=ProposalKind.HAND_ON_ROLE, role="timekeeper",
                                   target=member).count() == 1
    again = client.get(reverse("guided_leadership", args=[group.slug])).content.decode()
    assert "Gestion du temps : transmission à Iris en consultation." in again
    twice = client.post(reverse("group_role_hand_on", args=[group.slug]), {"role": "timekeeper", "to_member": member.pk})
    assert twice.status_code == 409
    assert Proposal.objects.filter(group=group, kind=ProposalKind.HAND_ON_ROLE).count() == 1


def test_a_member_reads_the_guide_but_has_no_hand_over_form(client, guided):
    group, _professional, member = guided
    client.force_login(member)
    text = client.get(reverse("guided_leadership", args=[group.slug])).content.decode()
    assert "Le guide de la transmission" in text and "Lâcher prise" in text
    assert "Proposer de transmettre" not in text


def test_handing_a_function_to_someone_outside_the_group_is_refused_with_a_message(client, guided):
    group, professional, _member = guided
    client.force_login(professional)
    response = client.post(reverse("group_role_hand_on", args=[group.slug]),
                           {"role": "timekeeper", "to_member": UserFactory().pk})
    assert response.status_code == 400
    assert not Proposal.objects.filter(group=group).exists()


def test_no_hand_over_page_for_a_self_managed_group_an_unknown_group_or_an_unlisted_one_to_outsiders(client, guided):
    group, _professional, _member = guided
    assert client.get(reverse("guided_leadership", args=[make_group(name="Autre").slug])).status_code == 404
    assert client.get("/groups/no-such-group/guided/").status_code == 404
    group.visibility = Visibility.UNLISTED
    group.save(update_fields=["visibility"])
    assert client.get(reverse("guided_leadership", args=[group.slug])).status_code == 404
    assert client.post(reverse("guided_leadership", args=[group.slug])).status_code == 405


def test_the_hand_over_page_costs_a_fixed_number_of_queries(client, guided, django_assert_num_queries):
    group, professional, _member = guided
    client.force_login(professional)
    client.get(reverse("guided_leadership", args=[group.slug]))
    from tests.queries import SESSION_QUERIES
    with django_assert_num_queries(SESSION_QUERIES + 10) as first:
        client.get(reverse("guided_leadership", args=[group.slug]))
    for _ in range(4):
        join(group)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("guided_leadership", args=[group.slug]))
