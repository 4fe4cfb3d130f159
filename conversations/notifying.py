"""What conversations tell members through notifications: a private message, worded from its
sender's name when read, never from its text."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.kinds import NotificationKind

from .models import PrivateMessage
from .selectors import messages_for_notifications


def _text(message) -> str:
    return _("%(who)s vous a écrit un message privé.") % {"who": message.sender.display_name}


def _url(message) -> str:
    return reverse("conversation_detail", kwargs={"pk": message.conversation_id})


PRIVATE_MESSAGE = NotificationKind(
    label=gettext_lazy("Message privé"), model=PrivateMessage, subjects=messages_for_notifications,
    text=_text, url=_url,
)
