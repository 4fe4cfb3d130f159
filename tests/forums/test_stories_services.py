"""Stories through their services: consent, the moderators' decision, withdrawal."""

import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.permissions import MEMBERS_ONLY
from forums import permissions
from forums.services.posts import post_delete
from forums.services.stories import (
    MAX_PENDING_PER_MEMBER, story_approve, story_decline, story_offer, story_withdraw,
)
from forums.models import STORY_BODY_MAX_LENGTH, Story, StorySignature, StoryStatus
from moderation.models import LogAction, ModerationLogEntry, RoleKind
from moderation.permissions import MODERATORS_ONLY, MUTED
from moderation.services.content import content_hide
from tests.factories import UserFactory, join
from tests.moderation.builders import give_role

from .builders import a_thread, forum, muted

pytestmark = pytest.mark.django_db


def offered(group, author, *, title="Ce qui m'a aidé", body="Parler au « je » m'a aidé.", consent=True,
            signature=StorySignature.PSEUDONYM, **extra):
    return story_offer(actor=author, group=group, title=title, body=body, signature=signature,
                       consent=consent, **extra)


def test_a_member_offers_a_new_text_which_waits_for_the_moderators():
    group, _moderator, member = forum()
    story = offered(group, member, body="**Un an** après")
    assert story.status == StoryStatus.PENDING and story.consented_at is not None
    assert story.body_html == "<p><strong>Un an</strong> après</p>\n"


def test_without_explicit_consent_nothing_is_stored():
    group, _moderator, member = forum()
    with pytest.raises(DomainError, match="accord explicite"):
        offered(group, member, consent=False)
    assert not Story.objects.exists()


@pytest.mark.parametrize("title, body, message", [
    ("", "Un texte", "titre"),
    ("Un titre", "   ", "vide"),
    ("Un titre", "x" * (STORY_BODY_MAX_LENGTH + 1), "limite"),
])
def test_empty_or_overlong_texts_are_refused_with_a_message(title, body, message):
    group, _moderator, member = forum()
    with pytest.raises(DomainError, match=message):
        offered(group, member, title=title, body=body)


def test_an_unknown_signature_is_refused():
    group, _moderator, member = forum()
    with pytest.raises(DomainError, match="pseudonyme"):
        offered(group, member, signature="real_name")


def test_only_members_offer_a_story_in_a_group():
    group, _moderator, _member = forum()
    with pytest.raises(NotAllowed) as refused:
        offered(group, UserFactory())
    assert refused.value.message == MEMBERS_ONLY


def test_a_muted_member_is_told_they_cannot_write_for_now_and_offers_nothing():
    group, moderator, member = forum()
    muted(group, moderator, member)
    with pytest.raises(NotAllowed) as refused:
        offered(group, member)
    assert refused.value.message == MUTED
    assert not Story.objects.exists()


def test_a_member_offers_one_of_their_posts_but_not_someone_elses():
    group, moderator, member = forum()
    post = a_thread(group, member, body="Mon vécu").posts.get()
    story = offered(group, member, body=post.body, source_post=post)
    assert story.source_post == post
    with pytest.raises(Conflict, match="déjà proposé"):
        offered(group, member, body=post.body, source_post=post)
    with pytest.raises(NotAllowed) as refused:
        offered(group, moderator, body=post.body, source_post=post)
    assert refused.value.message == permissions.OWN_VISIBLE_POSTS


def test_a_hidden_or_deleted_post_cannot_be_offered():
    group, moderator, member = forum()
    hidden = a_thread(group, member, body="Masqué").posts.get()
    deleted = a_thread(group, member, title="Autre", body="Supprimé").posts.get()
    content_hide(actor=moderator, target=hidden, reason="Propos blessants")
    post_delete(actor=member, post=deleted)
    for post in (hidden, deleted):
        post.refresh_from_db()
        with pytest.raises(NotAllowed):
            offered(group, member, source_post=post)


def test_a_post_must_be_offered_to_its_own_group():
    group, _moderator, member = forum()
    other, _other_moderator, _ = forum()
    join(other, member)
    post = a_thread(group, member).posts.get()
    with pytest.raises(DomainError, match="autre groupe"):
        offered(other, member, source_post=post)


def test_a_member_has_at_most_a_few_stories_waiting():
    group, _moderator, member = forum()
    for index in range(MAX_PENDING_PER_MEMBER):
        offered(group, member, title=f"Récit {index}")
    with pytest.raises(Conflict):
        offered(group, member, title="Un de trop")


def test_a_moderator_approves_and_the_log_says_so_without_naming_the_author():
    group, moderator, member = forum()
    story = offered(group, member, signature=StorySignature.ANONYMOUS)
    story_approve(actor=moderator, story=story)
    story.refresh_from_db()
    assert story.status == StoryStatus.APPROVED and story.decided_by == moderator
    entry = ModerationLogEntry.objects.get(action=LogAction.STORY_APPROVED)
    assert entry.group == group and "Ce qui m'a aidé" in entry.target_display
    assert member.pseudonym not in f"{entry.target_display} {entry.target_facts}"


def test_a_moderator_declines_with_a_reason_the_log_keeps():
    group, moderator, member = forum()
    story = offered(group, member)
    with pytest.raises(DomainError, match="pourquoi"):
        story_decline(actor=moderator, story=story, reason="  ")
    story_decline(actor=moderator, story=story, reason="Un autre membre y est reconnaissable.")
    story.refresh_from_db()
    assert story.status == StoryStatus.DECLINED
    assert ModerationLogEntry.objects.get(action=LogAction.STORY_DECLINED).reason == (
        "Un autre membre y est reconnaissable.")


def test_a_member_without_the_moderator_role_cannot_decide():
    group, _moderator, member = forum()
    story = offered(group, member)
    for someone in (UserFactory(), join(group)):
        with pytest.raises(NotAllowed) as refused:
            story_approve(actor=someone, story=story)
        assert refused.value.message == MODERATORS_ONLY
    assert Story.objects.get().status == StoryStatus.PENDING


def test_a_moderator_cannot_approve_their_own_story_but_another_moderator_can():
    group, moderator, member = forum()
    story = offered(group, moderator)
    with pytest.raises(NotAllowed) as refused:
        story_approve(actor=moderator, story=story)
    assert refused.value.message == permissions.OWN_STORY
    with pytest.raises(NotAllowed) as refused:
        story_decline(actor=moderator, story=story, reason="Je préfère pas")
    assert refused.value.message == permissions.OWN_STORY
    second = give_role(group, member, RoleKind.MODERATOR)
    story_approve(actor=second, story=story)
    assert Story.objects.get().status == StoryStatus.APPROVED


def test_a_story_is_decided_once():
    group, moderator, member = forum()
    story = offered(group, member)
    story_approve(actor=moderator, story=story)
    with pytest.raises(Conflict):
        story_decline(actor=moderator, story=story, reason="Finalement non")
    assert ModerationLogEntry.objects.filter(action=LogAction.STORY_DECLINED).count() == 0


def test_the_author_withdraws_at_any_time_and_the_text_is_erased():
    group, moderator, member = forum()
    story = offered(group, member)
    story_approve(actor=moderator, story=story)
    story_withdraw(actor=member, story=story)
    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN and story.body == story.body_html == story.title == ""
    with pytest.raises(Conflict) as refused:
        story_withdraw(actor=member, story=story)
    assert refused.value.message == permissions.ALREADY_WITHDRAWN


def test_a_withdrawn_story_can_no_longer_be_approved():
    group, moderator, member = forum()
    story = offered(group, member)
    story_withdraw(actor=member, story=story)
    with pytest.raises(Conflict):
        story_approve(actor=moderator, story=story)


def test_nobody_but_the_author_withdraws_a_story():
    group, moderator, member = forum()
    story = offered(group, member)
    with pytest.raises(NotAllowed) as refused:
        story_withdraw(actor=moderator, story=story)
    assert refused.value.message == permissions.AUTHORS_WITHDRAW
    assert Story.objects.get().status == StoryStatus.PENDING
