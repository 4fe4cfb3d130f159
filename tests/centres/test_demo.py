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
