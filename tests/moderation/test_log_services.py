import pytest

from moderation.models import LogAction, ModerationLogEntry, RoleKind
from moderation.services.roles import role_volunteer
from tests.factories import join, make_group

pytestmark = pytest.mark.django_db


def test_the_log_keeps_the_actor_name_after_the_account_is_gone():
    group = make_group()
    member = join(group)
    role_volunteer(actor=member, group=group, role=RoleKind.HOST)
    entry = ModerationLogEntry.objects.get(action=LogAction.PROPOSAL_OPENED)
    member.delete()
    entry.refresh_from_db()
    assert entry.actor is None and entry.actor_name.startswith("Membre")


def test_the_log_has_no_place_for_who_reported():
    names = {field.name for field in ModerationLogEntry._meta.get_fields()}
    assert not any("report" in name for name in names)
