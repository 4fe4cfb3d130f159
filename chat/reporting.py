"""Chat messages as moderation sees them: reportable, hidden or restored by moderators (every
open socket hears of it at once), and the chat's slow mode as the moderation log words it."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from moderation.reportables import Reportable

from .models import ChatMessage
from .selectors import message_url


def message_facts(message: ChatMessage) -> dict:
    return {"message_id": message.pk, "seq": message.seq, "group_id": message.group_id}


def describe_message(facts: dict) -> str:
    return _("Message n° %(seq)s de la discussion en direct") % {"seq": facts["seq"]}


def describe_slow_mode(facts: dict) -> str:
    seconds = int(facts["seconds"])
    if not seconds:
        return _("Discussion en direct : mode lent désactivé")
    return ngettext("Discussion en direct : un message par seconde",
                    "Discussion en direct : un message toutes les %(count)s secondes", seconds) % {"count": seconds}


def message_reportable() -> Reportable:
    from .services import message_hidden_set

    return Reportable(
        kind="chat_message",
        model=ChatMessage,
        group_of=lambda message: message.group,
        author_of=lambda message: message.author,
        facts=message_facts,
        describe=describe_message,
        url_of=message_url,
        set_hidden=message_hidden_set,
    )
