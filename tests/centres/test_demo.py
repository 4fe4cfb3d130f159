import pytest
from django.core.management import call_command

from centres.models import Centre, CentreAccompaniment, ExternalListing

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_centres_three_external_groups_and_one_forum():
    call_command("seed_demo", verbosity=0)
    assert sorted(Centre.objects.values_list("regions__code", flat=True)) == ["vd", "zh"]
    assert ExternalListing.objects.filter(kind="group").count() == 3
    assert ExternalListing.objects.filter(kind="forum").count() == 1
    assert CentreAccompaniment.objects.exists()
    call_command("seed_demo", verbosity=0)
    assert Centre.objects.count() == 2


def test_the_demo_guided_group_is_halfway_through_handing_its_functions_to_members(client):
    from centres.demo import GUIDED_GROUP
    from entraide.models import Group
    from moderation.models import Proposal, ProposalKind, ProposalStatus

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    group = Group.objects.get(slug=GUIDED_GROUP)
    handovers = Proposal.objects.filter(group=group, kind=ProposalKind.HAND_ON_ROLE, status=ProposalStatus.OPEN)
    assert sorted(handovers.values_list("role", "target__pseudonym")) == [("timekeeper", "Sésame"),
                                                                           ("welcome", "Alpenrose")]
    page = client.get(f"/groups/{GUIDED_GROUP}/").content.decode()
    assert page.count("transmission en consultation") == 2
