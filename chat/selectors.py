"""The reads the chat needs: messages in seq order, hidden ones left out, their authors loaded
with them (one query each, whatever the number), and the one shape a message takes on the
socket, in the HTTP history and on the page (`message_frame`)."""

from dataclasses import dataclass
from datetime import UTC

from django.urls import reverse
from django.utils.translation import gettext as _

from entraide.errors import NotFound
from entraide.models import Group, Membership
from entraide.standing import read_standing

from .models import ChatMessage, ChatRoom, ChatSettings
from .permissions import check_chat

LATEST_LIMIT = 50
# Beyond this many missed messages a client reloads the history over HTTP instead of resuming.
RESUME_LIMIT = 500
# Presence and typing hints are for groups where members can know each other: off above this.
LIVELY_MAX_MEMBERS = 100


@dataclass(frozen=True)
class ChatEntry:
    """What a socket needs when it opens on a group's chat."""

    group: Group
    last_seq: int
    slow_mode_seconds: int
    # Presence and typing hints shown in this group.
    lively: bool
    hide_presence: bool


def chat_entry(*, user, slug: str) -> ChatEntry:
    """The member's way into the group's chat: NotFound (no such group, or an unlisted one they
    are not in), NotAllowed (not a member, removed). Four queries."""
    group = Group.objects.filter(slug=slug).first()
    if group is None:
        raise NotFound()
    check_chat(read_standing(user, group))
    last_seq, slow_mode_seconds = room_state(group)
    return ChatEntry(group=group, last_seq=last_seq, slow_mode_seconds=slow_mode_seconds,
                     lively=group.member_count <= LIVELY_MAX_MEMBERS,
                     hide_presence=ChatSettings.objects.filter(member=user, hide_presence=True).exists())


def still_member(*, group_id: int, user_id: int) -> bool:
    """Asked before every frame a socket takes: one indexed query."""
    return Membership.objects.filter(group=group_id, user=user_id).exists()


def _visible(group):
    return ChatMessage.objects.filter(group=group, hidden_at__isnull=True).select_related("author")


def messages_latest(*, group, limit=LATEST_LIMIT) -> list[ChatMessage]:
    return list(reversed(_visible(group).order_by("-seq")[:limit]))


def messages_before(*, group, before_seq, limit=LATEST_LIMIT) -> list[ChatMessage]:
    return list(reversed(_visible(group).filter(seq__lt=before_seq).order_by("-seq")[:limit]))


def messages_after(*, group, after_seq, limit=RESUME_LIMIT) -> list[ChatMessage]:
    return list(_visible(group).filter(seq__gt=after_seq).order_by("seq")[:limit])


def room_state(group) -> tuple[int, int]:
    """(last seq, slow mode seconds) of the group's chat; (0, 0) before its first message."""
    row = ChatRoom.objects.filter(group=group).values_list("last_seq", "slow_mode_seconds").first()
    return row or (0, 0)


def history_url(group, *, before_seq=None) -> str:
    url = reverse("chat_history", kwargs={"slug": group.slug})
    return url if before_seq is None else f"{url}?before={before_seq}"


def message_url(message) -> str:
    """The history page that shows the message (the one of messages before the next seq)."""
    return history_url(message.group, before_seq=message.seq + 1)


def _iso_utc(moment) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def member_frame(member) -> dict:
    return {"id": member.pk, "pseudonym": member.display_name}


def message_frame(message: ChatMessage) -> dict:
    author = message.author
    return {
        "type": "message",
        "seq": message.seq,
        "id": message.pk,
        "client_id": message.client_id,
        # An account removed from the database altogether reads as a closed one.
        "author": member_frame(author) if author is not None else {"id": None, "pseudonym": _("ancien membre")},
        "body_html": message.body_html,
        "created_at": _iso_utc(message.created_at),
    }

