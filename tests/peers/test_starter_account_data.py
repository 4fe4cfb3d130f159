"""A starter's export has their volunteering and the groups they accompanied; a deleted account
takes the volunteering. The member who asked is told when a volunteer takes the request."""

import pytest
from django.urls import reverse

from entraide import registry
from entraide.services.accounts import account_delete
from notifications.models import Notification
from notifications.selectors import worded
from peers.models import StarterVolunteer
from peers.services.starters import starter_request_accept
from tests.notifications.builders import committed

from .starter_builders import accompanied, asked, make_volunteer, new_group

pytestmark = pytest.mark.django_db


def section(name, member):
    return registry.export_sections.get(name)(member)


def test_the_export_has_the_volunteering_and_the_groups_accompanied():
    assignment = accompanied()
    starter = assignment.starter
    assert section("starter_volunteering", starter)["languages"] == ["fr"]
    [row] = section("starter_assignments", starter)
    assert row["group"] == assignment.group.name and row["ended_at"] is None
    assert section("starter_volunteering", assignment.group.created_by) is None


def test_deleting_the_account_takes_the_volunteering():
    member = make_volunteer()
    account_delete(actor=member, member=member)
    assert not StarterVolunteer.objects.exists()


def test_the_requester_is_told_when_a_volunteer_takes_the_request(django_capture_on_commit_callbacks):
    group, founder = new_group(name="Groupe des Alpes")
    request = asked(group, founder)
    starter = make_volunteer()
    committed(django_capture_on_commit_callbacks, lambda: starter_request_accept(
        actor=starter, request=request, charter_version_accepted=group.charter_version))
    [notice] = worded(list(Notification.objects.filter(recipient=founder)), founder)
    assert notice.kind == "peer_starter_taken"
    assert notice.url == reverse("peer_starter_group", args=[group.slug])
    assert not Notification.objects.filter(recipient=starter, kind="peer_starter_taken").exists()
