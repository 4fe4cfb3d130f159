"""Who hears of a new post (forums.services.watching), and how forum notifications read
(forums.notifying): worded when read, in the reader's language, from the post as it is then."""

import pytest
from django.utils import translation

from entraide.errors import Conflict, NotAllowed
from entraide.services.groups import group_leave
from forums.models import Subscription
from forums.services.posts import post_delete
from forums.services.watching import (
    FORUM_THREAD, MENTION, REPLY, THREAD_POST, notifications_for_post, subscription_stop, subscription_watch_forum,
    subscription_watch_thread,
)
from moderation.services.content import content_hide, content_restore
from moderation.services.safety import member_block, member_mute
from notifications.models import Notification
from notifications.selectors import about, unread_count, worded
from tests.factories import UserFactory
from tests.notifications.builders import group_of, new_thread, reply


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlimited_posting")]


@pytest.fixture
def trio():
    anna, bruno, chloe = UserFactory(pseudonym="Anna"), UserFactory(pseudonym="Bruno"), UserFactory(pseudonym="Chloé")
    return group_of(anna, bruno, chloe), anna, bruno, chloe


def kinds_for(member):
    return list(Notification.objects.filter(recipient=member).values_list("kind", flat=True))


def text_for(member) -> list[str]:
    return [line.text for line in worded(list(Notification.objects.filter(recipient=member)), member)]


def test_a_reply_notifies_the_thread_author_and_never_the_replier(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    assert kinds_for(anna) == [REPLY]
    assert kinds_for(bruno) == []


def test_quoting_a_post_notifies_its_author_as_a_reply(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    quoted = reply(django_capture_on_commit_callbacks, thread, bruno)
    reply(django_capture_on_commit_callbacks, thread, chloe, "> Merci\n\nOui.", quote_of=quoted)
    assert kinds_for(bruno) == [REPLY]


def test_a_mention_notifies_the_member_named_once_even_if_also_replied_to(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna et @Chloé, merci.")
    assert kinds_for(anna) == [MENTION]
    assert kinds_for(chloe) == [MENTION]


def test_watching_a_thread_brings_each_new_post(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=chloe, thread=thread)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    reply(django_capture_on_commit_callbacks, thread, bruno, "Encore un mot.")
    assert kinds_for(chloe) == [THREAD_POST, THREAD_POST]


def test_watching_a_forum_brings_new_threads_but_not_every_reply(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    subscription_watch_forum(actor=chloe, group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno)
    assert kinds_for(chloe) == [FORUM_THREAD]


def test_the_author_is_never_notified_of_their_own_post(trio, django_capture_on_commit_callbacks):
    group, anna, _bruno, _chloe = trio
    subscription_watch_forum(actor=anna, group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, body="Je me cite : @Anna")
    subscription_watch_thread(actor=anna, thread=thread)
    reply(django_capture_on_commit_callbacks, thread, anna)
    assert kinds_for(anna) == []


def test_a_member_who_muted_the_author_is_not_notified(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    member_mute(actor=anna, member=bruno)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna tu es là ?")
    reply(django_capture_on_commit_callbacks, thread, bruno, "Toujours moi, anonyme.", is_anonymous=True)
    assert kinds_for(anna) == []


def test_a_member_who_blocked_the_author_is_not_notified_of_mentions(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    member_block(actor=anna, member=bruno)
    new_thread(django_capture_on_commit_callbacks, group, bruno, body="Bonjour @Anna")
    assert kinds_for(anna) == []


def test_an_anonymous_author_stays_a_member_of_the_group(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    reply(django_capture_on_commit_callbacks, thread, bruno, "Sans mon pseudonyme.", is_anonymous=True)
    [text] = text_for(anna)
    assert text.startswith("un membre du groupe a répondu") and "Bruno" not in text


def test_each_kind_is_worded_when_read_in_the_readers_language(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    subscription_watch_forum(actor=chloe, group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna, title="Nuits blanches")
    subscription_watch_thread(actor=chloe, thread=thread)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Anna courage")
    assert text_for(anna) == ["Bruno vous a mentionné·e dans « Nuits blanches »."]
    assert sorted(text_for(chloe)) == ["Anna a ouvert un nouveau sujet : « Nuits blanches ».",
                                       "Bruno a écrit dans « Nuits blanches », un sujet que vous suivez."]
    with translation.override("de"):
        assert text_for(anna) == ["Bruno hat Sie in «Nuits blanches» erwähnt."]
    [line] = worded(list(Notification.objects.filter(recipient=anna)), anna)
    assert (line.place, line.url) == (group.name, thread.posts.get(number=2).get_absolute_url())


def test_a_member_outside_the_group_gets_nothing(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    outsider = UserFactory(pseudonym="Dora")
    with pytest.raises(NotAllowed):
        subscription_watch_forum(actor=outsider, group=group)
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=chloe, thread=thread)
    group_leave(actor=chloe, group=group)
    reply(django_capture_on_commit_callbacks, thread, bruno, "@Dora @Chloé bonjour")
    assert kinds_for(outsider) == [] and kinds_for(chloe) == []


def test_hidden_and_deleted_posts_notify_nobody(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    content_hide(actor=anna, target=post, reason="Hors charte")
    assert notifications_for_post(post) == 0
    deleted = reply(django_capture_on_commit_callbacks, thread, bruno, "Je retire.")
    post_delete(actor=bruno, post=deleted)
    assert notifications_for_post(deleted) == 0
    assert not Notification.objects.exists()


def test_what_was_told_of_a_post_hidden_later_is_withdrawn_and_not_told_again_when_restored(
        trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 1
    content_hide(actor=anna, target=post, reason="Hors charte")
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 0
    assert not about(post).exists()
    content_restore(actor=anna, target=post, reason="Finalement conforme")
    assert not about(post).exists()


def test_what_was_told_of_a_post_its_author_deleted_is_withdrawn(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno, "@Chloé tu vois ?")
    kept = reply(django_capture_on_commit_callbacks, thread, chloe, "Oui.")
    post_delete(actor=bruno, post=post)
    assert not about(post).exists()
    assert about(kept).filter(recipient=anna).exists()
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 1
    assert unread_count(type(chloe).objects.get(pk=chloe.pk)) == 0


def test_notifying_twice_for_one_post_creates_nothing_more(trio, django_capture_on_commit_callbacks):
    group, anna, bruno, _chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    post = reply(django_capture_on_commit_callbacks, thread, bruno)
    assert notifications_for_post(post) == 0
    assert about(post).count() == 1
    assert unread_count(type(anna).objects.get(pk=anna.pk)) == 1


def test_watching_twice_or_stopping_what_one_does_not_watch_is_a_conflict(trio, django_capture_on_commit_callbacks):
    group, anna, _bruno, chloe = trio
    thread = new_thread(django_capture_on_commit_callbacks, group, anna)
    subscription_watch_thread(actor=chloe, thread=thread)
    with pytest.raises(Conflict):
        subscription_watch_thread(actor=chloe, thread=thread)
    subscription_stop(actor=chloe, thread=thread)
    with pytest.raises(Conflict):
        subscription_stop(actor=chloe, thread=thread)
    assert not Subscription.objects.exists()
