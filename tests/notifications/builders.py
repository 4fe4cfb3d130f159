"""Notification state built through the services, with commit callbacks run."""

from datetime import timedelta

from django.utils import timezone

from entraide.models import Visibility
from forums.services.posts import post_create, thread_create
from notifications import kinds
from notifications.services import notification_preferences_set
from tests.factories import UserFactory, join, make_group


def seasoned(**fields):
    """A member whose account is old enough for private messages."""
    return UserFactory(date_joined=timezone.now() - timedelta(days=2), **fields)


def group_of(*members, unlisted=False, name=None):
    """A group created by the first member, joined by the others."""
    creator, *others = members
    group = make_group(creator, name=name or f"Groupe de {creator.pseudonym}",
                       visibility=Visibility.UNLISTED if unlisted else Visibility.LISTED)
    for other in others:
        join(group, other)
    return group


def committed(capture, action):
    """Run `action` and then its on-commit callbacks (the notifications, the e-mails)."""
    with capture(execute=True):
        result = action()
    return result


def new_thread(capture, group, author, *, title="Comment tenez-vous le coup ?", body="Bonjour à toutes et à tous.",
               **fields):
    return committed(capture, lambda: thread_create(actor=author, group=group, title=title, body=body, **fields))


def reply(capture, thread, author, body="Merci pour ce message.", **fields):
    return committed(capture, lambda: post_create(actor=author, thread=thread, body=body, **fields))


def mails_for_everything(member, frequency):
    """The member chooses one way to hear of every kind by e-mail."""
    notification_preferences_set(actor=member, choices={key: frequency for key, _kind in kinds.registered()})
