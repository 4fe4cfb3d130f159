"""The reads the chat needs: messages in seq order, hidden ones left out, their authors loaded
with them (one query each, whatever the number), and the one shape a message takes on the
socket, in the HTTP history and on the page (`message_frame`), as each reader sees it
(`seen_frame`: folded for those they muted or blocked, left out for those who blocked them)."""

from dataclasses import dataclass
from datetime import UTC

from django.db.models import Value
from django.urls import reverse
from django.utils.translation import gettext as _

from entraide.errors import NotFound
from entraide.models import Group, Membership
from entraide.standing import read_standing
from moderation.models import MemberBlock, MemberMute

from .models import ChatMessage, ChatRoom, ChatSettings
from .permissions import check_chat

LATEST_LIMIT = 50
# Beyond this many missed messages a client reloads the history over HTTP instead of resuming.
RESUME_LIMIT = 500
# Presence and typing hints are for groups where members can know each other: off above this.
LIVELY_MAX_MEMBERS = 100


@dataclass(frozen=True)
class Silences:
    """Whose messages a member does not read in the chat. Those they muted or blocked are
    folded, as the forum folds their posts: the place stays, the words go. Those who blocked
    them are left out altogether, since nothing may tell a member they were blocked; someone in
    both stays folded, so that a block never shows through a mute."""

    folded: frozenset = frozenset()
    left_out: frozenset = frozenset()


NO_SILENCES = Silences()


def silences_of(user) -> Silences:
    """One query, whatever the number of mutes and blocks."""
    mutes = MemberMute.objects.filter(user=user).annotate(folds=Value(True)).values_list("muted_id", "folds")
    blocks = MemberBlock.objects.filter(user=user).annotate(folds=Value(True)).values_list("blocked_id", "folds")
    blockers = MemberBlock.objects.filter(blocked=user).annotate(folds=Value(False)).values_list("user_id", "folds")
    rows = mutes.order_by().union(blocks.order_by(), blockers.order_by(), all=True)
    folded = frozenset(member_id for member_id, folds in rows if folds)
    left_out = frozenset(member_id for member_id, folds in rows if not folds) - folded
    return Silences(folded=folded, left_out=left_out)


@dataclass(frozen=True)
class ChatEntry:
    """What a socket needs when it opens on a group's chat."""

    group: Group
    last_seq: int
    slow_mode_seconds: int
    # Presence and typing hints shown in this group.
    lively: bool
    hide_presence: bool
    silences: Silences


def chat_entry(*, user, slug: str) -> ChatEntry:
    """The member's way into the group's chat: NotFound (no such group, or an unlisted one they
    are not in), NotAllowed (not a member, removed). Five queries."""
    group = Group.objects.filter(slug=slug).first()
    if group is None:
        raise NotFound()
    check_chat(read_standing(user, group))
    last_seq, slow_mode_seconds = room_state(group)
    return ChatEntry(group=group, last_seq=last_seq, slow_mode_seconds=slow_mode_seconds,
                     lively=group.member_count <= LIVELY_MAX_MEMBERS,
                     hide_presence=ChatSettings.objects.filter(member=user, hide_presence=True).exists(),
                     silences=silences_of(user))


def still_member(*, group_id: int, user_id: int) -> bool:
    """Asked before every frame a socket takes: one indexed query."""
    return Membership.objects.filter(group=group_id, user=user_id).exists()


def _visible(group, silences):
    messages = ChatMessage.objects.filter(group=group, hidden_at__isnull=True).select_related("author")
    # Left out in the query, so that a page still holds as many messages as it says.
    return messages.exclude(author__in=silences.left_out) if silences.left_out else messages


def messages_latest(*, group, limit=LATEST_LIMIT, silences=NO_SILENCES) -> list[ChatMessage]:
    return list(reversed(_visible(group, silences).order_by("-seq")[:limit]))


def messages_before(*, group, before_seq, limit=LATEST_LIMIT, silences=NO_SILENCES) -> list[ChatMessage]:
    return list(reversed(_visible(group, silences).filter(seq__lt=before_seq).order_by("-seq")[:limit]))


def messages_after(*, group, after_seq, limit=RESUME_LIMIT, silences=NO_SILENCES) -> list[ChatMessage]:
    return list(_visible(group, silences).filter(seq__gt=after_seq).order_by("seq")[:limit])


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



def seen_frame(frame: dict, silences: Silences) -> dict | None:
    """A message (or restored) frame as this reader sees it: whole; folded to its place and
    moment when they muted or blocked its author; None when its author blocked them."""
    author_id = frame["author"]["id"]
    if author_id in silences.folded:
        return {"type": frame["type"], "seq": frame["seq"], "folded": True, "created_at": frame["created_at"]}
    if author_id in silences.left_out:
        return None
    return frame
