"""What the supporter's duty page reads: their own slot by id, the conversations they hold or
were passed, and the last slot whose hand-over note they may still write."""

from django.db.models import Q
from django.utils import timezone

from entraide.errors import NotFound

from ..models import DutySlot, LineConversation, LineStatus
from ..permissions.line import NOTE_WINDOW


def own_slot(user, pk) -> DutySlot:
    """The member's own slot, or a 404, the same for a slot of someone else's."""
    slot = DutySlot.objects.select_related("supporter").filter(pk=pk, supporter__member=user).first()
    if slot is None:
        raise NotFound()
    return slot


def conversations_held(user) -> list[LineConversation]:
    """Open conversations the member listens to, and those passed to them, oldest first."""
    return list(LineConversation.objects.filter(
        Q(supporter=user, status=LineStatus.OPEN) | Q(passed_to=user, status=LineStatus.PASSED))
        .select_related("caller").order_by("knocked_at", "pk"))


def latest_note_slot(user, *, now=None) -> DutySlot | None:
    """The slot under way, else the one that ended within the note window: what a note is for."""
    now = now or timezone.now()
    return (DutySlot.objects.filter(supporter__member=user, starts_at__lte=now, ends_at__gt=now - NOTE_WINDOW)
            .order_by("-ends_at", "-pk").first())
