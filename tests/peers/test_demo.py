from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from peers.models import DutySlot, Pairing, Supporter

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


def test_the_demo_has_someone_on_duty_on_the_listening_line_now():
    seed()
    now = timezone.now()
    [slot] = DutySlot.objects.filter(starts_at__lte=now, ends_at__gt=now).select_related("supporter__member")
    assert (slot.supporter.member.pseudonym, slot.language) == ("Sésame", "fr")
