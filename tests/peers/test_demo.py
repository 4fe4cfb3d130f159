from io import StringIO

import pytest
from django.core.management import call_command

from peers.models import Pairing, Supporter

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())


def test_the_demo_has_two_confirmed_supporters_and_one_pairing_and_seeding_twice_adds_nothing():
    seed()
    seed()
    assert sorted(Supporter.objects.filter(confirmed_at__isnull=False).values_list("member__pseudonym", flat=True)) \
        == ["Colibri", "Sésame"]
    pairing = Pairing.objects.select_related("request__requester", "supporter__member").get()
    assert (pairing.request.requester.pseudonym, pairing.supporter.member.pseudonym) == ("Lune", "Colibri")
