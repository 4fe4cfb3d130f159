import json

import pytest

from entraide.services.accounts import account_delete
from moderation.models import MemberBlock, MemberMute
from moderation.services.safety import member_block, member_mute
from tests.factories import join, make_group

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_members_roles_mutes_and_blocks(client):
    group = make_group()
    other = join(group)
    member_mute(actor=group.created_by, member=other)
    member_block(actor=group.created_by, member=other)
    client.force_login(group.created_by)
    data = json.loads(client.get("/profile/export.json").content)
    assert {holding["role"] for holding in data["roles"]} == {"host", "timekeeper", "welcome", "moderator"}
    assert data["mutes_and_blocks"] == {"muted": [other.pseudonym], "blocked": [other.pseudonym]}
    assert data["reports_made"] == []


def test_deleting_an_account_removes_its_mutes_and_blocks_both_ways():
    group = make_group()
    other = join(group)
    member_mute(actor=group.created_by, member=other)
    member_block(actor=other, member=group.created_by)
    account_delete(actor=other, member=other)
    assert not MemberMute.objects.exists()
    assert not MemberBlock.objects.exists()
