"""Reactions to a post through their services: one of each kind per member, taken back, never
against a post nor on one's own."""

import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.permissions import MEMBERS_ONLY
from forums import permissions
from forums.models import Reaction, ReactionKind
from forums.services.reactions import reaction_add, reaction_remove
from tests.factories import UserFactory

from .builders import a_thread, forum

pytestmark = pytest.mark.django_db


def test_reacting_twice_the_same_way_is_a_conflict_and_the_reaction_can_be_taken_back():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    reaction_add(actor=moderator, post=post, kind=ReactionKind.THINKING_OF_YOU)
    reaction_add(actor=moderator, post=post, kind=ReactionKind.THANK_YOU)
    with pytest.raises(Conflict, match="déjà"):
        reaction_add(actor=moderator, post=post, kind=ReactionKind.THINKING_OF_YOU)
    reaction_remove(actor=moderator, post=post, kind=ReactionKind.THINKING_OF_YOU)
    assert list(Reaction.objects.values_list("kind", flat=True)) == [ReactionKind.THANK_YOU]
    with pytest.raises(Conflict):
        reaction_remove(actor=moderator, post=post, kind=ReactionKind.THINKING_OF_YOU)


def test_there_is_no_reaction_against_a_post_nor_on_ones_own():
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    with pytest.raises(DomainError):
        reaction_add(actor=moderator, post=post, kind="downvote")
    with pytest.raises(NotAllowed) as refused:
        reaction_add(actor=member, post=post, kind=ReactionKind.HELPFUL)
    assert refused.value.message == permissions.OWN_POST_REACTION
    with pytest.raises(NotAllowed) as refused:
        reaction_add(actor=UserFactory(), post=post, kind=ReactionKind.HELPFUL)
    assert refused.value.message == MEMBERS_ONLY
    assert not Reaction.objects.exists()
