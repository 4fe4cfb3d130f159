"""Who may do what in a group's chat. The one place the consumer, the pages and the services ask.

Reading and being there: the group's members (a removed member has lost the membership, and an
unlisted group is not revealed to others). Writing: members who are not muted. Slow mode holds
every writer but the group's moderators, who also set it."""

import math

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from entraide.errors import NotAllowed, allows
from entraide.permissions import check_group_going, check_member, check_view_group
from entraide.standing import Standing
from moderation.limits import SlowDown
from moderation.permissions import MUTED, can_moderate, check_moderate


class Muted(NotAllowed):
    """A muted member's send: refused with the mute message (error code "muted")."""


def check_chat(standing: Standing) -> None:
    """Read the chat and be present in it."""
    check_view_group(standing)
    check_member(standing)


def check_send(standing: Standing) -> None:
    check_chat(standing)
    check_group_going(standing)
    if standing.is_muted:
        raise Muted(MUTED)


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(count)s seconde", "%(count)s secondes", seconds) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


def check_slow_mode(standing: Standing, *, slow_mode_seconds: int, last_sent_at, now) -> None:
    """One message per `slow_mode_seconds` for each member; moderators are not held."""
    if not slow_mode_seconds or last_sent_at is None or can_moderate(standing):
        return
    remaining = slow_mode_seconds - int((now - last_sent_at).total_seconds())
    if remaining > 0:
        raise SlowDown(_("La discussion est en mode lent : vous pourrez écrire à nouveau dans %(wait)s.")
                       % {"wait": _wait_text(remaining)}, retry_after=remaining)


def check_set_slow_mode(standing: Standing) -> None:
    check_moderate(standing)


can_chat = allows(check_chat)
can_send = allows(check_send)
can_set_slow_mode = allows(check_set_slow_mode)
