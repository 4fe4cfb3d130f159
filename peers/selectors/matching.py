"""Who may be offered a pairing request, best first.

A supporter fits when they are confirmed, not paused, below their maximum of pairings, offer the
request's theme, language and format, have at least one weekly slot, have not declined this
request, and neither they nor the requester muted or blocked the other. When the request names
a preferred time, one of their weekly slots must cover it, read in the supporter's own time zone
(so 18:00 in Zurich matches a slot of 12:00 in New York on the same instant). Fewer current
pairings come first, then the longest-confirmed."""

from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Q

from moderation.models import MemberBlock, MemberMute

from ..models import PairingOffer, Supporter


def current_pairings():
    return Count("pairings", filter=Q(pairings__ended_at__isnull=True), distinct=True)


def _silenced_between(member_ref, requester):
    """Either muted or blocked the other, in either direction."""
    return (
        Exists(MemberMute.objects.filter(user=requester, muted=member_ref))
        | Exists(MemberMute.objects.filter(user=member_ref, muted=requester))
        | Exists(MemberBlock.objects.filter(user=requester, blocked=member_ref))
        | Exists(MemberBlock.objects.filter(user=member_ref, blocked=requester))
    )


def covers(slot, instant, time_zone) -> bool:
    local = instant.astimezone(ZoneInfo(time_zone))
    return local.weekday() == slot.weekday and slot.starts_at <= local.time() < slot.ends_at


def candidates(request) -> list[Supporter]:
    """Two queries: the supporters who fit, with their slots."""
    member = OuterRef("member")
    fitting = (
        Supporter.objects.filter(
            confirmed_at__isnull=False, paused=False, themes=request.theme,
            languages__language=request.language, slots__isnull=False, **{f"offers_{request.format}": True},
        )
        .exclude(member=request.requester)
        .exclude(Exists(PairingOffer.objects.filter(request=request, supporter=OuterRef("pk"))))
        .exclude(_silenced_between(member, request.requester))
        .annotate(load=current_pairings())
        .distinct()
        .select_related("member")
        .prefetch_related("slots")
        .order_by("load", "confirmed_at", "pk")
    )
    chosen = [s for s in fitting if s.load < s.max_pairings]
    if request.preferred_at:
        chosen = [s for s in chosen
                  if any(covers(slot, request.preferred_at, s.member.time_zone) for slot in s.slots.all())]
    return chosen


def first_match(request) -> Supporter | None:
    found = candidates(request)
    return found[0] if found else None
