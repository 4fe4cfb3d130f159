"""What the core leaves to other apps about groups, through entraide.registry: what a new group
is given (group_created), what its rotating roles decide (group_policies), what a member's
standing holds besides the membership (standing_facts). The core asks, never imports the app
that answers; a question nobody answers is refused."""

import pytest

from entraide import permissions, registry
from entraide.errors import NotAllowed
from entraide.models import Group
from entraide.services.groups import group_join, group_update
from entraide.standing import read_standing
from moderation.models import RoleHolding
from tests.factories import UserFactory, join, make_group
from tests.moderation.builders import removed_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def without_policy():
    """Take one app's answer away for a test, as if no app gave it."""
    taken = {}

    def take(verb):
        taken[verb] = registry.group_policies.get(verb)
        registry.group_policies.unregister(verb)

    yield take
    for verb, answer in taken.items():
        registry.group_policies.register(verb, answer)


@pytest.fixture
def refusing_newcomer():
    def refuse(*, actor, group):
        raise NotAllowed("Pas de nouveau groupe aujourd'hui.")

    registry.group_created.register("refusing", refuse)
    yield
    registry.group_created.unregister("refusing")


def test_a_new_group_gets_its_founding_roles_from_what_moderation_registered():
    group = make_group()

    assert set(RoleHolding.objects.filter(group=group).values_list("user", flat=True)) == {group.created_by_id}


def test_what_another_app_does_for_a_new_group_is_part_of_its_creation_and_undoes_it_when_it_fails(refusing_newcomer):
    with pytest.raises(NotAllowed):
        make_group(name="Cercle refusé")

    assert not Group.objects.filter(name="Cercle refusé").exists()
    assert not RoleHolding.objects.exists()


def test_the_group_policies_moderation_gives_decide_who_edits_and_who_welcomes():
    group = make_group()
    founder, member = read_standing(group.created_by, group), read_standing(join(group), group)

    assert permissions.can_edit_group(founder) and permissions.can_decide_join_requests(founder)
    assert not permissions.can_edit_group(member)
    assert not permissions.can_decide_join_requests(member)


def test_a_question_about_a_group_that_no_app_answers_is_refused(without_policy):
    group = make_group()
    without_policy("edit_group")

    assert not permissions.can_edit_group(read_standing(group.created_by, group))
    with pytest.raises(NotAllowed) as refusal:
        group_update(actor=group.created_by, group=group, name="Autre nom")
    assert refusal.value.message == permissions.ROLE_HOLDERS_EDIT


def test_a_member_removed_by_the_role_holders_cannot_enter_again_nor_join():
    group = make_group()
    removed = removed_from(group, join(group))
    newcomer = UserFactory()

    assert not permissions.can_enter(read_standing(removed, group))
    assert permissions.can_enter(read_standing(newcomer, group))
    with pytest.raises(NotAllowed) as refusal:
        group_join(actor=removed, group=group, charter_version_accepted=group.charter_version)
    assert refusal.value.message == permissions.REMOVED
