import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import Group, JoinPolicy
from entraide.selectors.memberships import is_member
from entraide.services.groups import group_join, join_request_create
from entraide.standing import read_standing
from moderation import permissions
from moderation.models import GroupBan, LogAction, ModerationLogEntry, RemovalProposal, RoleKind
from moderation.services.removal import removal_cancel, removal_confirm, removal_propose
from tests.factories import UserFactory, join, make_group

from .builders import end_term, give_role

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
    assert is_member(member, group)
    count = Group.objects.get(pk=group.pk).member_count
    removal_confirm(actor=welcome, proposal=proposal, reason="Menaces confirmées")
    assert not is_member(member, group)
    assert Group.objects.get(pk=group.pk).member_count == count - 1
    assert read_standing(member, group).is_removed
    with pytest.raises(NotAllowed, match="exclu·e"):
        group_join(actor=member, group=group, charter_version_accepted=group.charter_version)
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
    proposal = removal_propose(actor=founder, group=group, member=applicant, reason="Spam répété")
    removal_confirm(actor=second, proposal=proposal, reason="Confirmé")
    with pytest.raises(NotAllowed, match="exclu·e"):
        join_request_create(actor=applicant, group=group, charter_version_accepted=group.charter_version)


def test_one_holder_alone_cannot_remove_anyone(scene):
    group, host, welcome, member = scene
    proposal = removal_propose(actor=host, group=group, member=member, reason="Menaces")
    with pytest.raises(NotAllowed, match="personne n'exclut seul·e"):
        removal_confirm(actor=host, proposal=proposal, reason="Je confirme moi-même")
    assert is_member(member, group)
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
    assert is_member(member, group)


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
    assert is_member(member, group)


def test_a_holder_cancels_a_proposal_and_it_cannot_be_confirmed_after(scene):
    group, host, welcome, member = scene
    proposal = removal_propose(actor=host, group=group, member=member, reason="Spam")
    with pytest.raises(NotAllowed):
        removal_cancel(actor=member, proposal=proposal, reason="Non")
    removal_cancel(actor=welcome, proposal=proposal, reason="Il s'agissait d'un malentendu")
    with pytest.raises(Conflict):
        removal_confirm(actor=welcome, proposal=proposal, reason="Oui")
    assert is_member(member, group)
    assert ModerationLogEntry.objects.filter(action=LogAction.REMOVAL_CANCELLED, actor_name=welcome.pseudonym).exists()


def test_a_role_holder_whose_term_ended_is_refused_a_removal_with_the_single_message_of_role_holders(scene):
    group, host, welcome, member = scene
    with pytest.raises(NotAllowed) as refused:
        removal_propose(actor=end_term(group, host), group=group, member=member, reason="Insultes")
    assert refused.value.message == permissions.ROLE_HOLDERS_ONLY
    assert not RemovalProposal.objects.exists()


def test_a_role_holder_proposed_for_removal_does_not_confirm_it_themself(scene):
    group, host, welcome, member = scene
    proposal = removal_propose(actor=host, group=group, member=welcome, reason="Menaces")
    with pytest.raises(NotAllowed, match="vous concerne"):
        removal_confirm(actor=welcome, proposal=proposal, reason="Je pars")
    assert is_member(welcome, group)
    assert not GroupBan.objects.exists()


def test_a_role_holder_proposed_for_removal_cannot_cancel_it_either(scene):
    group, host, welcome, member = scene
    moderator = give_role(group, member, RoleKind.MODERATOR)
    proposal = removal_propose(actor=host, group=group, member=moderator, reason="Menaces")
    with pytest.raises(NotAllowed) as refused:
        removal_cancel(actor=moderator, proposal=proposal, reason="Je refuse")
    assert refused.value.message == permissions.REMOVAL_ABOUT_YOU
    assert RemovalProposal.objects.get(pk=proposal.pk).is_pending
