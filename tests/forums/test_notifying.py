"""How forum notifications read (forums.notifying): worded when read, in the reader's
language, from the post as it is then."""

import pytest
from django.utils import translation

from forums.services.watching import subscription_watch_forum, subscription_watch_thread
from notifications.models import Notification
from notifications.selectors import worded
from tests.notifications.builders import new_thread, reply


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlimited_posting")]


def text_for(member) -> list[str]:
    return [line.text for line in worded(list(Notification.objects.filter(recipient=member)), member)]


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
