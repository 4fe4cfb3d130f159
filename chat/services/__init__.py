from .messages import (
    CHAT_MENTION,
    MessageRefused,
    chat_channel_group,
    mentions_notify,
    message_hidden_set,
    message_send,
)
from .presence import PRESENCE_REFRESH_SECONDS, members_present, presence_enter, presence_leave
from .settings import SLOW_MODE_SUBJECT, chat_presence_hide_set, chat_slow_mode_set

__all__ = [
    "CHAT_MENTION",
    "PRESENCE_REFRESH_SECONDS",
    "SLOW_MODE_SUBJECT",
    "MessageRefused",
    "chat_channel_group",
    "chat_presence_hide_set",
    "chat_slow_mode_set",
    "members_present",
    "mentions_notify",
    "message_hidden_set",
    "message_send",
    "presence_enter",
    "presence_leave",
]
