"""What the chat tells members through notifications: that someone named them (@pseudonym) in
a group's chat. Worded when read, from the message as it is then: who wrote and where, never a
word of the message. Registered from ChatConfig.ready()."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.models import Membership
from notifications.kinds import NotificationKind

from .models import ChatMessage
from .selectors import message_url
from .services import CHAT_MENTION


def messages_for_notifications(ids, member) -> dict[int, ChatMessage]:
    """The messages still shown, in groups the member still belongs to: one query."""
    messages = (
        ChatMessage.objects.filter(pk__in=ids, hidden_at__isnull=True)
        .filter(Exists(Membership.objects.filter(group=OuterRef("group"), user=member)))
        .select_related("author", "group")
    )
    return {message.pk: message for message in messages}


def _mention(message) -> str:
    who = message.author.display_name if message.author is not None else _("ancien membre")
    return _("%(who)s vous a mentionné·e dans la discussion en direct.") % {"who": who}


KINDS = {
    CHAT_MENTION: NotificationKind(label=gettext_lazy("Mention dans la discussion en direct"), model=ChatMessage,
                                   subjects=messages_for_notifications, text=_mention, url=message_url,
                                   place=lambda message: message.group.name),
}
