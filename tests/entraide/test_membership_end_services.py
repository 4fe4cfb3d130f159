"""A membership ends by leaving or by removal, in one place: the member's history keeps the
group under the name it had that day, the other apps let go of what kept the member close to
it, and a removal changes the group's invite link."""

import pytest

from entraide import registry
from entraide.errors import Conflict
from entraide.models import Group, Membership, PastMembership, Visibility
from entraide.selectors.export import user_export
from entraide.services.accounts import account_delete
from entraide.services.groups import group_join, group_leave, group_update
from entraide.standing import read_standing
from forums.services.posts import thread_create
from moderation.models import RoleHolding, RoleKind
from tests.factories import UserFactory, join, make_group
from tests.moderation.builders import give_role, removed_from

pytestmark = pytest.mark.django_db


def leave(group, member):
    group_leave(actor=member, group=group)
    return member


def rename(group, name):
    return group_update(actor=group.created_by, group=group, name=name, visibility=Visibility.UNLISTED)


def test_leaving_keeps_the_membership_in_the_members_history_under_the_name_the_group_had_then():
    group = make_group(name="Cercle du mardi")
    member = join(group)
    joined_at = Membership.objects.get(group=group, user=member).joined_at
    thread_create(actor=member, group=group, title="Mon premier sujet", body="Bonjour.")

    leave(group, member)
    rename(group, "Cercle renommé depuis")

    assert list(PastMembership.objects.filter(user=member).values_list("group_name", "joined_at", "removed")) == [
        ("Cercle du mardi", joined_at, False)]
    export = user_export(member)
    assert export["memberships"] == []
    assert [(past["group"], past["removed"]) for past in export["past_memberships"]] == [("Cercle du mardi", False)]
    assert [post["group"] for post in export["forum_posts"]] == ["Cercle du mardi"]
    assert "Cercle renommé depuis" not in str(export) and group.slug not in str(export)


def test_a_removal_is_kept_in_the_removed_members_history_as_a_removal():
    group = make_group(name="Cercle du jeudi")
    member = removed_from(group, join(group))
    past = PastMembership.objects.get(user=member)
    assert (past.group_name, past.removed) == ("Cercle du jeudi", True)
    assert user_export(member)["past_memberships"][0]["removed"] is True


def test_a_founder_who_left_finds_in_their_export_only_that_they_created_the_group_under_its_old_name():
    group = make_group(name="Cercle du jeudi")
    founder, second = group.created_by, give_role(group, join(group), RoleKind.WELCOME)
    leave(group, founder)
    group_update(actor=second, group=group, name="Cercle devenu autre", description="Tout a changé ici.")

    export = user_export(founder)

    created = export["groups_created"]
    assert created == [{"name": "Cercle du jeudi", "left": True, "created_at": created[0]["created_at"]}]
    assert export["roles"] and {role["group"] for role in export["roles"]} == {"Cercle du jeudi"}
    assert "Tout a changé ici." not in str(export) and "Cercle devenu autre" not in str(export)


@pytest.fixture
def heard():
    """A later app that listens for memberships ending, for one test."""
    heard = []
    registry.membership_ended.register("garden", lambda member, group: heard.append((member.pk, group.pk)))
    yield heard
    registry.membership_ended.unregister("garden")


def test_every_app_that_registered_hears_of_a_membership_ending_by_leaving_or_by_removal(heard):
    group = make_group()
    leaver, removed = join(group), join(group)

    leave(group, leaver)
    removed_from(group, removed)

    assert heard == [(leaver.pk, group.pk), (removed.pk, group.pk)]


def test_leaving_twice_or_without_being_a_member_is_refused_and_records_nothing():
    group = make_group()
    member = join(group)
    leave(group, member)
    for someone in (member, UserFactory()):
        with pytest.raises(Conflict):
            group_leave(actor=someone, group=group)
    assert PastMembership.objects.count() == 1
    assert Group.objects.get(pk=group.pk).member_count == 1


def test_a_holder_who_leaves_gives_up_the_term_and_coming_back_brings_no_role_back():
    group = make_group()
    host = give_role(group, join(group), RoleKind.HOST)
    assert read_standing(host, group).holds(RoleKind.HOST)

    leave(group, host)
    group_join(actor=host, group=group, charter_version_accepted=group.charter_version)

    assert read_standing(host, group).roles == frozenset()
    assert not RoleHolding.objects.current().filter(group=group, user=host).exists()


def test_a_removal_gives_the_group_a_new_invite_link():
    group = make_group(visibility=Visibility.UNLISTED)
    old_token = group.invite_token
    removed_from(group, join(group))
    assert Group.objects.get(pk=group.pk).invite_token not in ("", old_token)


def test_closing_the_account_forgets_the_history_of_groups_left():
    group = make_group()
    member = join(group)
    leave(group, member)
    account_delete(actor=member, member=member)
    assert not PastMembership.objects.filter(user=member).exists()
