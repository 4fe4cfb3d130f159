import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import Group, JoinPolicy
from entraide.services.groups import group_join, join_request_create
from moderation import permissions
from moderation.models import GroupBan, LogAction, ModerationLogEntry, RemovalProposal, RoleKind
from moderation.services.removal import removal_cancel, removal_confirm, removal_propose
from tests.factories import UserFactory, join, make_group

from .builders import end_term, fresh, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    group = make_group()
    host = give_role(group, join(group), RoleKind.HOST)
    welcome = give_role(group, join(group), RoleKind.WELCOME)
    member = join(group)
    return group, host, welcome, member


def test_removal_needs_a_second_holder_and_then_the_member_is_out_for_good(scene):
    group, host, welcome, member = scene
    proposal = removal_propose(actor=host, group=group, member=member, reason="Menaces envers un membre")
    assert permissions.is_member(fresh(member), group)
    count = Group.objects.get(pk=group.pk).member_count
    removal_confirm(actor=welcome, proposal=proposal, reason="Menaces confirmées")
    assert not permissions.is_member(fresh(member), group)
    assert Group.objects.get(pk=group.pk).member_count == count - 1
    assert permissions.is_banned(member, group)
    with pytest.raises(NotAllowed, match="exclu·e"):
        group_join(actor=fresh(member), group=group, charter_version_accepted=group.charter_version)
    assert list(ModerationLogEntry.objects.filter(group=group, action__in=[
        LogAction.REMOVAL_PROPOSED, LogAction.REMOVAL_CONFIRMED]).values_list("action", "actor_name")) == [
        (LogAction.REMOVAL_CONFIRMED, welcome.pseudonym), (LogAction.REMOVAL_PROPOSED, host.pseudonym)]


def test_a_removed_member_cannot_ask_to_join_again():
    group = make_group(join_policy=JoinPolicy.REQUEST)
    founder = group.created_by
    from entraide.services.groups import join_request_decide

    applicant = UserFactory()
    join_request_decide(actor=founder, accept=True, join_request=join_request_create(
        actor=applicant, group=group, charter_version_accepted=group.charter_version))
    second = give_role(group, join_request_decide(actor=founder, accept=True, join_request=join_request_create(
        actor=UserFactory(), group=group, charter_version_accepted=group.charter_version)).user, RoleKind.HOST)
    proposal = removal_propose(actor=fresh(founder), group=group, member=fresh(applicant), reason="Spam répété")
    removal_confirm(actor=second, proposal=proposal, reason="Confirmé")
    with pytest.raises(NotAllowed, match="exclu·e"):
        join_request_create(actor=fresh(applicant), group=group, charter_version_accepted=group.charter_version)


def test_one_holder_alone_cannot_remove_anyone(scene):
    group, host, welcome, member = scene
    proposal = removal_propose(actor=host, group=group, member=member, reason="Menaces")
    with pytest.raises(NotAllowed, match="personne n'exclut seul·e"):
        removal_confirm(actor=host, proposal=proposal, reason="Je confirme moi-même")
    assert permissions.is_member(fresh(member), group)
    assert not GroupBan.objects.exists()
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_a_group_with_a_single_holder_cannot_remove_anyone():
    group = make_group()
    founder, member = group.created_by, join(group)
    proposal = removal_propose(actor=founder, group=group, member=member, reason="Insultes")
    for actor in (founder, join(group), UserFactory(is_staff=True, is_superuser=True)):
        with pytest.raises(NotAllowed):
            removal_confirm(actor=actor, proposal=proposal, reason="Oui")
    assert permissions.is_member(fresh(member), group)


def test_only_current_holders_propose_removal(scene):
    group, host, welcome, member = scene
    for actor in (join(group), UserFactory(is_staff=True), end_term(group, host)):
        with pytest.raises(NotAllowed):
            removal_propose(actor=actor, group=group, member=member, reason="Insultes")
    assert not RemovalProposal.objects.exists()


def test_a_removal_needs_a_reason_a_member_and_not_oneself(scene):
    group, host, welcome, member = scene
    with pytest.raises(DomainError, match="raison"):
        removal_propose(actor=host, group=group, member=member, reason="")
    with pytest.raises(DomainError, match="membre du groupe"):
        removal_propose(actor=host, group=group, member=UserFactory(), reason="Spam")
    with pytest.raises(DomainError, match="quitter le groupe"):
        removal_propose(actor=host, group=group, member=host, reason="Fatigue")
    proposal = removal_propose(actor=host, group=group, member=member, reason="Spam")
    with pytest.raises(Conflict):
        removal_propose(actor=welcome, group=group, member=member, reason="Spam encore")
    with pytest.raises(DomainError, match="raison"):
        removal_confirm(actor=welcome, proposal=proposal, reason=" ")
    assert RemovalProposal.objects.count() == 1
    assert permissions.is_member(fresh(member), group)


def test_a_holder_cancels_a_proposal_and_it_cannot_be_confirmed_after(scene):
    group, host, welcome, member = scene
    proposal = removal_propose(actor=host, group=group, member=member, reason="Spam")
    with pytest.raises(NotAllowed):
        removal_cancel(actor=member, proposal=proposal, reason="Non")
    removal_cancel(actor=welcome, proposal=proposal, reason="Il s'agissait d'un malentendu")
    with pytest.raises(Conflict):
        removal_confirm(actor=welcome, proposal=proposal, reason="Oui")
    assert permissions.is_member(fresh(member), group)
    assert ModerationLogEntry.objects.filter(action=LogAction.REMOVAL_CANCELLED, actor_name=welcome.pseudonym).exists()
