"""The reads of the meeting pages, each in a fixed number of queries whatever the number of
occurrences, answers and roles."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from entraide.errors import NotFound
from moderation.selectors.roles import current_holdings

from .. import jitsi, permissions
from ..models import MeetingRole, MeetingRoleKind, Occurrence, Rsvp, RsvpAnswer
from ..recurrence import zone_of
from .welcome import newcomer_ids

COMING_LIMIT = 30
ROLE_KINDS = tuple(MeetingRoleKind)


def _counted(queryset):
    going = Q(rsvps__answer=RsvpAnswer.GOING)
    return queryset.annotate(
        going_count=Count("rsvps", filter=going & Q(rsvps__waiting_since__isnull=True)),
        waiting_count=Count("rsvps", filter=going & Q(rsvps__waiting_since__isnull=False)),
        maybe_count=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.MAYBE)),
    )


def _roles_prefetch():
    return Prefetch("roles", queryset=MeetingRole.objects.select_related("member"))


def _mark(occurrence: Occurrence, *, user_id, now) -> Occurrence:
    """What a list shows of an occurrence: its local times, open roles, the reader's answer."""
    zone = zone_of(occurrence.series.time_zone)
    occurrence.local_start = occurrence.starts_at.astimezone(zone)
    occurrence.local_end = occurrence.ends_at.astimezone(zone)
    taken = {role.role: role for role in occurrence.roles.all()}
    occurrence.role_holders = [(kind, taken.get(kind.value)) for kind in ROLE_KINDS]
    occurrence.open_roles = [kind for kind, holder in occurrence.role_holders if holder is None]
    opens, closes = jitsi.join_window(occurrence)
    occurrence.join_opens_at = opens
    occurrence.is_joinable = (not occurrence.is_cancelled and permissions.series_is_online(occurrence.series)
                              and opens <= now < closes)
    mine = getattr(occurrence, "my_rsvps", None)
    occurrence.my_answer = mine[0] if mine else None
    return occurrence


def coming_in_group(standing, *, now=None) -> list[Occurrence]:
    """The group's coming occurrences (cancelled ones too, said as such), soonest first."""
    now = now or timezone.now()
    queryset = _counted(Occurrence.objects.filter(series__group=standing.group, series__ended_at__isnull=True,
                                                  ends_at__gt=now)
                        .select_related("series")
                        .prefetch_related(_roles_prefetch(), _my_rsvps(standing.user_id)))
    return [_mark(occurrence, user_id=standing.user_id, now=now) for occurrence in queryset[:COMING_LIMIT]]


def _my_rsvps(user_id):
    return Prefetch("rsvps", queryset=Rsvp.objects.filter(member_id=user_id), to_attr="my_rsvps")


def coming_for_member(user, *, now=None) -> list[Occurrence]:
    """A member's coming meetings across their groups: those they did not say no to."""
    now = now or timezone.now()
    queryset = (Occurrence.objects
                .filter(series__group__memberships__user=user, series__ended_at__isnull=True, ends_at__gt=now)
                .exclude(rsvps__member=user, rsvps__answer=RsvpAnswer.NOT_GOING)
                .select_related("series__group")
                .prefetch_related(_roles_prefetch(), _my_rsvps(user.pk)))
    return [_mark(occurrence, user_id=user.pk, now=now) for occurrence in _counted(queryset)[:COMING_LIMIT]]


@dataclass
class OccurrencePage:
    occurrence: Occurrence
    going: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    maybe: list = field(default_factory=list)
    suggested: dict = field(default_factory=dict)
    # For the occurrence's welcome contact only: who among those coming is new to the group.
    newcomers: list = field(default_factory=list)
    newcomer_ids: set = field(default_factory=set)
    # Among them, those who were already sent a welcome for this occurrence.
    welcomed_ids: set = field(default_factory=set)


def occurrence_in(standing, pk) -> Occurrence:
    try:
        return (Occurrence.objects.select_related("series__group")
                .get(pk=pk, series__group=standing.group))
    except Occurrence.DoesNotExist:
        raise NotFound() from None


def occurrence_page(standing, pk, *, now=None) -> OccurrencePage:
    """One occurrence with who answered what (in the order they answered; the waiting list in
    its order), for each open role the holders of the group's role of the same name, and for
    its welcome contact the newcomers among those coming."""
    now = now or timezone.now()
    queryset = (Occurrence.objects.filter(pk=pk, series__group=standing.group).select_related("series")
                .prefetch_related(_roles_prefetch(), _my_rsvps(standing.user_id),
                                  Prefetch("rsvps", queryset=Rsvp.objects.select_related("member"),
                                           to_attr="all_rsvps")))
    occurrence = _counted(queryset).first()
    if occurrence is None:
        raise NotFound()
    occurrence.series.group = standing.group
    _mark(occurrence, user_id=standing.user_id, now=now)
    page = OccurrencePage(occurrence=occurrence)
    for rsvp in occurrence.all_rsvps:
        if rsvp.answer == RsvpAnswer.GOING:
            (page.waiting if rsvp.waiting_since else page.going).append(rsvp)
        elif rsvp.answer == RsvpAnswer.MAYBE:
            page.maybe.append(rsvp)
    page.waiting.sort(key=lambda rsvp: (rsvp.waiting_since, rsvp.pk))
    if occurrence.open_roles:
        open_names = {kind.value for kind in occurrence.open_roles}
        for holding in current_holdings(standing.group, now).filter(role__in=open_names):
            page.suggested.setdefault(holding.role, []).append(holding.user)
    if permissions.can_welcome_newcomers(standing, occurrence, now):
        coming = [rsvp.member for rsvp in page.going if rsvp.member_id != standing.user_id]
        page.newcomer_ids = newcomer_ids(occurrence, [member.pk for member in coming], now=now)
        page.newcomers = [member for member in coming if member.pk in page.newcomer_ids]
        page.welcomed_ids = {rsvp.member_id for rsvp in page.going
                             if rsvp.member_id in page.newcomer_ids and rsvp.welcomed_at is not None}
    return page
