"""A pairing's calls as its two people see them, and the room to join one."""

from dataclasses import dataclass

from django.utils import timezone

from entraide.errors import NotFound
from meetings import jitsi

from ..models import PairingCall
from ..permissions import check_in_pairing, check_join_call


@dataclass(frozen=True)
class CallRoom:
    """What a page needs to open the call: embedded with a token, else in a new tab."""

    url: str
    room: str
    domain: str
    token: str | None
    script: str

    @property
    def embed(self) -> bool:
        return self.token is not None


def call_for(actor, pk) -> PairingCall:
    """A call of the member's own pairing; any other, or none, is not found."""
    call = None
    if isinstance(pk, int) and 0 < pk < 2**63:
        call = PairingCall.objects.select_related("pairing__request", "pairing__supporter").filter(pk=pk).first()
    if call is None:
        raise NotFound()
    check_in_pairing(actor, call.pairing)
    return call


def upcoming_calls(actor, pairing, now=None) -> list[PairingCall]:
    """Calls not cancelled and not over, soonest first; none once the pairing has ended."""
    check_in_pairing(actor, pairing)
    if pairing.ended_at is not None:
        return []
    now = now or timezone.now()
    return list(PairingCall.objects.filter(pairing=pairing, cancelled_at__isnull=True, ends_at__gt=now)
                .order_by("starts_at", "pk"))


def call_join(actor, call, now=None) -> CallRoom:
    """The room of the call's pairing for this member, inside the join window. Both people are
    moderators: neither waits for the other to let them in, and there is no one else to mute."""
    now = now or timezone.now()
    check_join_call(actor, call, now)
    return CallRoom(
        url=jitsi.room_url(call), room=call.room_name, domain=jitsi.domain(),
        token=jitsi.token_for_room(member=actor, room_name=call.room_name, moderator=True, now=now),
        script=f"{jitsi.base_url()}/external_api.js",
    )
