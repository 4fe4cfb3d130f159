"""A group's chat settings (slow mode, set by its moderators and logged) and a member's own
(hiding their presence)."""

from django.db import transaction
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError
from entraide.models import Membership
from entraide.permissions import check_signed_in
from entraide.realtime import publish_on_commit
from entraide.standing import read_standing
from moderation.models import LogAction, RoleKind
from moderation.services.checks import clean_reason
from moderation.services.log import log_entry_write

from .. import permissions
from ..models import SLOW_MODE_MAX_SECONDS, ChatRoom, ChatSettings
from .messages import chat_channel_group

SLOW_MODE_SUBJECT = "chat_slow_mode"


@transaction.atomic
def chat_slow_mode_set(*, actor, group, seconds, reason="", now=None) -> ChatRoom:
    """Each member may write once per `seconds` in the group's chat; 0 turns slow mode off.
    Written to the moderation log; open sockets hear the new delay at once."""
    permissions.check_set_slow_mode(read_standing(actor, group))
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= SLOW_MODE_MAX_SECONDS:
        raise DomainError(_("Choisissez un délai entre 0 (pas de mode lent) et une heure."))
    reason = clean_reason(reason) if (reason or "").strip() else ""
    room, _created = ChatRoom.objects.select_for_update().get_or_create(group=group)
    if room.slow_mode_seconds == seconds:
        raise Conflict(_("La discussion a déjà ce réglage."))
    room.slow_mode_seconds = seconds
    ChatRoom.objects.filter(pk=room.pk).update(slow_mode_seconds=seconds)
    log_entry_write(actor=actor, group=group, action=LogAction.SLOW_MODE_SET, role=RoleKind.MODERATOR,
                    target_kind=SLOW_MODE_SUBJECT, target_facts={"seconds": seconds}, reason=reason, now=now)
    publish_on_commit(chat_channel_group(group.pk), {"type": "chat.slow_mode", "seconds": seconds})
    return room


@transaction.atomic
def chat_presence_hide_set(*, actor, hidden: bool) -> ChatSettings:
    """Whether the member is listed as present (and shown typing) in their groups' chats; their
    open chat sockets follow at once."""
    check_signed_in(actor)
    chosen, _created = ChatSettings.objects.update_or_create(member=actor, defaults={"hide_presence": bool(hidden)})
    # Told on each group's chat rather than on the member's own channel group, which sockets
    # other than the chat's listen to too.
    for group_id in Membership.objects.filter(user=actor).values_list("group_id", flat=True):
        publish_on_commit(chat_channel_group(group_id),
                          {"type": "chat.presence_hidden", "member_id": actor.pk, "hidden": bool(hidden)})
    return chosen
