"""Forum state built through the services."""

import itertools

from entraide.models import Visibility
from entraide.permissions import forget_membership
from forums.permissions import forget_can_post
from forums.services.posts import post_create, thread_create
from moderation.permissions import forget_roles
from tests.factories import join, make_group


def fresh(user):
    """The same member without the per-request caches of memberships, roles and posting rights."""
    forget_membership(user)
    forget_roles(user)
    forget_can_post(user)
    from moderation.permissions import forget_mutes

    forget_mutes(user)
    return user


_names = itertools.count(1)


def forum(*, unlisted=False):
    """A group (its creator holds the moderator role) and one plain member."""
    group = make_group(name=f"Entre nous {next(_names)}", visibility=Visibility.UNLISTED if unlisted else Visibility.LISTED)
    return group, group.created_by, join(group)


def a_thread(group, author, *, title="Comment tenez-vous le coup ?", body="Bonjour à toutes et à tous.", **fields):
    return thread_create(actor=author, group=group, title=title, body=body, **fields)


def replies(thread, authors, count, *, body="Merci pour ce message."):
    """`count` replies, the authors taking turns."""
    return [
        post_create(actor=authors[index % len(authors)], thread=thread, body=f"{body} ({index})")
        for index in range(count)
    ]
