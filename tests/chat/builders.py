"""Chat state built through the services."""

import itertools

from chat.services import message_send
from moderation.models import DecisionAction
from moderation.services.decisions import report_decide
from moderation.services.reports import report_create
from tests.factories import join, make_group

_names = itertools.count(1)
_client_ids = itertools.count(1)


def chat_group(**fields):
    """A group (its creator holds the moderator role) and one plain member."""
    group = make_group(name=f"Discussion entre nous {next(_names)}", **fields)
    return group, group.created_by, join(group)


def said(group, author, body="Bonsoir à toutes et à tous.", *, client_id=None):
    message, _created = message_send(actor=author, group=group, body=body,
                                     client_id=client_id or f"c-{next(_client_ids)}")
    return message


def muted_in_chat(group, moderator, member, *, days=1):
    """Muted in the group by its moderator, deciding a report about one of their chat messages."""
    message = said(group, member, "Des propos blessants.")
    report = report_create(actor=join(group), target=message, category="disrespect")
    report_decide(actor=moderator, report=report, action=DecisionAction.MUTE, reason="Propos blessants répétés.",
                  mute_days=days)
    return member
