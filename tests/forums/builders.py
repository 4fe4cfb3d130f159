"""Forum state built through the services."""

import itertools

from entraide.models import Visibility
from forums.services.posts import post_create, thread_create
from moderation.models import DecisionAction
from moderation.services.decisions import report_decide
from moderation.services.reports import report_create
from tests.factories import join, make_group

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


def muted(group, moderator, member, *, days=1):
    """Muted in the group by its moderator for `days`, deciding a report about one of their posts."""
    post = a_thread(group, member, title="Un message signalé", body="Des propos blessants.").posts.get()
    report = report_create(actor=join(group), target=post, category="disrespect")
    report_decide(actor=moderator, report=report, action=DecisionAction.MUTE, reason="Propos blessants répétés.",
                  mute_days=days)
    return member
