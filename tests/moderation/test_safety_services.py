"""Private mutes and blocks between members: services, selectors and permissions."""

import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.services.accounts import account_delete
from entraide.standing import read_standing
from moderation.permissions import can_mute_or_block, can_write_to
from moderation.models import MemberBlock, MemberMute
from moderation.selectors import muted_author_ids, my_mutes_and_blocks
from moderation.services.safety import member_block, member_mute, member_unblock, member_unmute
from tests.factories import UserFactory, join, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    """Two members of one group."""
    group = make_group()
    return join(group), join(group)


# --- Mute --------------------------------------------------------------------------------------

def test_a_member_mutes_another_and_no_longer_sees_their_posts(pair):
    me, other = pair
    member_mute(actor=me, member=other)
    assert muted_author_ids(me) == {other.pk}
    assert muted_author_ids(other) == set()


def test_muting_is_undone(pair):
    me, other = pair
    member_mute(actor=me, member=other)
    member_unmute(actor=me, member=other)
    assert muted_author_ids(me) == set()
    assert not MemberMute.objects.exists()


def test_muting_twice_says_so_and_stores_one_mute(pair):
    me, other = pair
    member_mute(actor=me, member=other)
    with pytest.raises(Conflict) as refused:
        member_mute(actor=me, member=other)
    assert refused.value.message == f"{other.pseudonym} est déjà en sourdine pour vous."
    assert MemberMute.objects.count() == 1


def test_nobody_mutes_themself(pair):
    me, _other = pair
    with pytest.raises(DomainError) as refused:
        member_mute(actor=me, member=me)
    assert refused.value.status == 400
    assert "vous-même" in refused.value.message
    assert not MemberMute.objects.exists()


def test_unmuting_someone_not_muted_says_so(pair):
    me, other = pair
    with pytest.raises(Conflict):
        member_unmute(actor=me, member=other)


def test_a_member_cannot_mute_or_block_someone_they_never_meet():
    me, stranger = join(make_group()), UserFactory()
    for service in (member_mute, member_block):
        with pytest.raises(NotAllowed):
            service(actor=me, member=stranger)
    assert not MemberMute.objects.exists() and not MemberBlock.objects.exists()
    assert not can_mute_or_block(me, stranger)


def test_members_of_one_contact_circle_may_mute_each_other():
    from entraide.services.contact import contact_wish_register
    from tests.factories import region, theme

    first, second = UserFactory(), UserFactory()
    for member in (first, second):
        contact_wish_register(actor=member, theme=theme("epilepsy"), region=region("online"))
    assert can_mute_or_block(first, second)


def test_a_standing_reads_the_silenced_members_once_and_the_next_one_sees_a_new_mute_or_block(
        django_assert_num_queries):
    group = make_group()
    me, muted, blocked = join(group), join(group), join(group)
    standing = read_standing(me, group)
    with django_assert_num_queries(1):
        assert standing.silenced_ids == frozenset()
        assert standing.silenced_ids == frozenset()
    member_mute(actor=me, member=muted)
    member_block(actor=me, member=blocked)
    assert standing.silenced_ids == frozenset()  # what the page read stays what it showed
    assert read_standing(me, group).silenced_ids == {muted.pk, blocked.pk}


def test_anonymous_visitors_mute_nobody():
    from django.contrib.auth.models import AnonymousUser

    assert muted_author_ids(AnonymousUser()) == set()


# --- Block -------------------------------------------------------------------------------------

def test_a_blocked_member_can_no_longer_write_to_the_member_who_blocked_them(pair):
    me, other = pair
    assert can_write_to(other, me)
    member_block(actor=me, member=other)
    assert not can_write_to(other, me)
    # Blocking is one-way: I can still write to them, and others can still write to me.
    assert can_write_to(me, other)
    third = join(make_group(me, name="Un autre groupe"))
    assert can_write_to(third, me)


def test_unblocking_lets_them_write_again(pair):
    me, other = pair
    member_block(actor=me, member=other)
    member_unblock(actor=me, member=other)
    assert can_write_to(other, me)


def test_blocking_twice_says_so(pair):
    me, other = pair
    member_block(actor=me, member=other)
    with pytest.raises(Conflict) as refused:
        member_block(actor=me, member=other)
    assert refused.value.message == f"Vous avez déjà bloqué {other.pseudonym}."
    assert MemberBlock.objects.count() == 1


def test_nobody_blocks_themself_and_unblocking_a_stranger_says_so(pair):
    me, other = pair
    with pytest.raises(DomainError):
        member_block(actor=me, member=me)
    with pytest.raises(Conflict):
        member_unblock(actor=me, member=other)


def test_nobody_writes_to_themself_a_deleted_account_or_as_a_visitor(pair):
    from django.contrib.auth.models import AnonymousUser

    me, other = pair
    assert not can_write_to(me, me)
    assert not can_write_to(AnonymousUser(), me)
    assert not can_write_to(me, None)
    account_delete(actor=other, member=other)
    other.refresh_from_db()
    assert not can_write_to(me, other)


def test_muting_and_blocking_are_independent(pair):
    me, other = pair
    member_block(actor=me, member=other)
    assert muted_author_ids(me) == set()
    member_mute(actor=me, member=other)
    member_unblock(actor=me, member=other)
    assert muted_author_ids(me) == {other.pk}


def test_my_page_lists_my_mutes_and_blocks_only(pair, django_assert_num_queries):
    me, other = pair
    member_mute(actor=me, member=other)
    member_block(actor=other, member=me)
    with django_assert_num_queries(2):
        mine = my_mutes_and_blocks(me)
    assert [mute.muted for mute in mine["mutes"]] == [other]
    assert mine["blocks"] == []
