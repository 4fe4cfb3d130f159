"""The reads of the listening line: who is on duty, the next hours, a caller's place in the
queue, what the line's front page shows (crisis lines first, always), a conversation's
messages as each of its people sees them, and the hand-over notes."""

from dataclasses import dataclass
from datetime import UTC, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import NotFound
from moderation.crisis import DEFAULT_COUNTRY, prompt_lines
from moderation.models import MemberBlock, MemberMute

from ..models import DutySlot, HandoverNote, LineConversation, LineMessage, LineStatus
from ..permissions.line import check_read_conversation, check_read_notes

NEXT_HOURS_LIMIT = 5
NEXT_HOURS_HORIZON = timedelta(days=14)
NOTES_LIMIT = 20
RESUME_LIMIT = 500


def line_channel_group(conversation_id: int) -> str:
    """Every socket open on one conversation listens here."""
    return f"line.conversation.{conversation_id}"


# --- Duty -------------------------------------------------------------------------------------

def on_duty(*, language, now=None) -> list[DutySlot]:
    """The slots under way for the language, with their supporters: one query."""
    now = now or timezone.now()
    return list(DutySlot.objects.filter(language=language, starts_at__lte=now, ends_at__gt=now)
                .select_related("supporter__member").order_by("starts_at", "pk"))


def next_hours(*, language, now=None, limit=NEXT_HOURS_LIMIT) -> list[tuple]:
    """The coming stretches when someone will be on duty, as (starts_at, ends_at), slots that
    touch or overlap merged, within two weeks: one query. Who is on duty is not said."""
    now = now or timezone.now()
    rows = (DutySlot.objects.filter(language=language, ends_at__gt=now, starts_at__lt=now + NEXT_HOURS_HORIZON)
            .order_by("starts_at", "ends_at").values_list("starts_at", "ends_at"))
    merged: list[list] = []
    for starts_at, ends_at in rows:
        if merged and starts_at <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], ends_at)
        else:
            merged.append([starts_at, ends_at])
    return [(max(starts_at, now), ends_at) for starts_at, ends_at in merged][:limit]


def slots_of(user, *, now=None) -> list[DutySlot]:
    """A supporter's slots not yet ended, in order."""
    now = now or timezone.now()
    return list(DutySlot.objects.filter(supporter__member=user, ends_at__gt=now).order_by("starts_at", "pk"))


# --- The queue --------------------------------------------------------------------------------

def queue_position(conversation) -> int | None:
    """1 for the next caller to be answered in the language, 2 for the one after…; None when
    the conversation is not waiting. One query. The page says it in words."""
    if conversation.status != LineStatus.QUEUED:
        return None
    ahead = LineConversation.objects.filter(language=conversation.language, status=LineStatus.QUEUED).filter(
        Q(knocked_at__lt=conversation.knocked_at) | Q(knocked_at=conversation.knocked_at, pk__lt=conversation.pk))
    return ahead.count() + 1


def queued_positions(*, language) -> list[tuple[int, int]]:
    """(conversation id, position) of every waiting caller of the language, in order."""
    ids = (LineConversation.objects.filter(language=language, status=LineStatus.QUEUED)
           .order_by("knocked_at", "pk").values_list("pk", flat=True))
    return [(pk, position) for position, pk in enumerate(ids, start=1)]


def silenced_with(user):
    """Callers who muted or blocked `user`, or whom they muted or blocked: not put through to them."""
    caller = OuterRef("caller")
    return (Exists(MemberMute.objects.filter(user=caller, muted=user))
            | Exists(MemberMute.objects.filter(user=user, muted=caller))
            | Exists(MemberBlock.objects.filter(user=caller, blocked=user))
            | Exists(MemberBlock.objects.filter(user=user, blocked=caller)))


def next_caller(*, supporter, language):
    """The oldest waiting conversation of the language the supporter may take (FIFO), locked
    where the database can; None when no one waits."""
    waiting = (LineConversation.objects.filter(language=language, status=LineStatus.QUEUED)
               .exclude(caller=supporter).exclude(silenced_with(supporter)).order_by("knocked_at", "pk"))
    return waiting.select_for_update(skip_locked=True, of=("self",)).first()


@dataclass(frozen=True)
class LineFront:
    """What the line's page shows before anything else, every time."""

    crisis_lines: list
    on_duty_count: int
    next_hours: list
    waiting_count: int

    @property
    def open_now(self) -> bool:
        return self.on_duty_count > 0


def line_front(*, language, country=DEFAULT_COUNTRY, now=None) -> LineFront:
    """Crisis lines (always shown first), whether anyone is on duty, the next hours, how many
    wait. Four queries."""
    now = now or timezone.now()
    return LineFront(
        crisis_lines=prompt_lines(country=country, language=language),
        on_duty_count=DutySlot.objects.filter(language=language, starts_at__lte=now, ends_at__gt=now).count(),
        next_hours=next_hours(language=language, now=now),
        waiting_count=LineConversation.objects.filter(language=language, status=LineStatus.QUEUED).count(),
    )


def live_conversation_of(user):
    """The caller's conversation queued or under way, if any."""
    return (LineConversation.objects.filter(caller=user, status__in=(LineStatus.QUEUED, LineStatus.OPEN,
                                                                     LineStatus.PASSED)).first())


# --- A conversation ---------------------------------------------------------------------------

@dataclass(frozen=True)
class LineEntry:
    conversation: LineConversation
    role: str
    position: int | None


def line_entry(*, user, conversation_id) -> LineEntry:
    """A conversation for one of its people, or NotFound: an id no database stores, one that
    does not exist and one of others' are all the same 404. Two queries, three while queued."""
    if not isinstance(conversation_id, int) or not 0 < conversation_id < 2**63:
        raise NotFound()
    conversation = (LineConversation.objects.select_related("caller", "supporter", "passed_to")
                    .filter(pk=conversation_id).first())
    if conversation is None:
        raise NotFound()
    role = check_read_conversation(user, conversation)
    return LineEntry(conversation=conversation, role=role, position=queue_position(conversation))


def still_in(*, conversation_id, user_id) -> bool:
    """Asked before every frame: one indexed query. Reported conversations read by a
    coordinator keep their socket until it closes."""
    return LineConversation.objects.filter(pk=conversation_id).filter(
        Q(caller=user_id) | Q(supporter=user_id) | Q(passed_to=user_id) | Q(reported=True)).exists()


def _iso_utc(moment) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def message_event(message: LineMessage) -> dict:
    """What a message is on the channel layer; each socket makes its own frame of it."""
    author = message.author
    return {"seq": message.seq, "id": message.pk, "client_id": message.client_id,
            "author_id": message.author_id,
            "pseudonym": author.display_name if author is not None else _("ancien membre"),
            "body": message.body, "created_at": _iso_utc(message.created_at)}


def message_frame(event: dict, reader_id: int) -> dict:
    """A message as one of its people reads it: theirs ("you") or the other's ("them", with
    their pseudonym)."""
    mine = event["author_id"] == reader_id
    frame = {"type": "message", "seq": event["seq"], "id": event["id"], "author": "you" if mine else "them",
             "pseudonym": event["pseudonym"], "body": event["body"], "created_at": event["created_at"]}
    if mine:
        frame["client_id"] = event["client_id"]
    return frame


def messages_after(*, conversation_id, after_seq, limit=RESUME_LIMIT) -> list[LineMessage]:
    return list(LineMessage.objects.filter(conversation=conversation_id, seq__gt=after_seq)
                .select_related("author").order_by("seq")[:limit])


def last_seq(conversation_id) -> int:
    return LineConversation.objects.filter(pk=conversation_id).values_list("last_seq", flat=True).first() or 0


# --- Hand-over notes --------------------------------------------------------------------------

def handover_notes(*, actor, language, now=None, limit=NOTES_LIMIT) -> list[HandoverNote]:
    """The latest notes of the language, for supporters on duty in it and its coordinators."""
    check_read_notes(actor, language=language, now=now)
    return list(HandoverNote.objects.filter(language=language).select_related("supporter")
                .order_by("-created_at", "-pk")[:limit])
