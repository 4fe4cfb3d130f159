"""A professionally guided group handing its leadership to its members (seed 003): which of its
functions members hold now, and the share of its meetings of the last three months that a
member facilitated. The professional is the group's creator while they are a member of it.

Read from the rotating roles (moderation) and the meetings' roles (meetings): the hand-over
itself goes through the roles' own consent decisions (moderation.services.roles.role_hand_on)."""

from dataclasses import dataclass
from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.models import GroupKind, Membership
from meetings.models import MeetingRole, Occurrence
from moderation.models import GroupRoleSettings, Proposal, ProposalKind, ProposalStatus, RoleHolding, RoleKind

# The functions of a guided group's leadership, in the order the seed lists them, as the
# rotating roles that carry them. Logistics and speaker coordination are the group's choice.
FUNCTIONS = {
    RoleKind.WELCOME: _("Accueil des nouvelles personnes"),
    RoleKind.LOGISTICS: _("Logistique"),
    RoleKind.HOST: _("Animation (ouverture, discussion, activités)"),
    RoleKind.TIMEKEEPER: _("Gestion du temps"),
    RoleKind.SPEAKERS: _("Coordination des intervenant·es"),
}
OPTIONAL = {RoleKind.LOGISTICS: "logistics_enabled", RoleKind.SPEAKERS: "speakers_enabled"}
SHARE_PERIOD = timedelta(days=91)


@dataclass(frozen=True)
class Function:
    role: str
    label: str
    held_by_members: bool        # someone other than the professional holds it now
    held_by_professional: bool
    handing_to: str = ""         # the member a hand-over in consultation goes to


@dataclass(frozen=True)
class GuidedLeadership:
    group: object
    professional_id: int | None
    functions: list[Function]
    meetings_held: int
    facilitated_by_members: int

    @property
    def functions_held_by_members(self) -> int:
        return sum(function.held_by_members for function in self.functions)

    @property
    def share_percent(self) -> int | None:
        if not self.meetings_held:
            return None
        return round(100 * self.facilitated_by_members / self.meetings_held)


def is_guided(group) -> bool:
    return group.kind == GroupKind.PROFESSIONAL


def guided_leadership(group, *, now=None) -> GuidedLeadership | None:
    """None for a group that is not professionally guided. Six queries."""
    if not is_guided(group):
        return None
    now = now or timezone.now()
    professional_id = group.created_by_id if Membership.objects.filter(
        group=group, user_id=group.created_by_id).exists() else None
    settings = GroupRoleSettings.objects.filter(group=group).first()
    wanted = [role for role in FUNCTIONS if role not in OPTIONAL or (settings and getattr(settings, OPTIONAL[role]))]
    holders: dict[str, set[int]] = {}
    for role, user_id in (RoleHolding.objects.current(now).filter(group=group, role__in=wanted)
                          .values_list("role", "user_id")):
        holders.setdefault(role, set()).add(user_id)
    handing = dict(Proposal.objects.filter(group=group, kind=ProposalKind.HAND_ON_ROLE, status=ProposalStatus.OPEN,
                                           role__in=wanted).values_list("role", "target__pseudonym"))
    functions = [
        Function(role=role, label=str(FUNCTIONS[role]),
                 held_by_members=bool(holders.get(role, set()) - {professional_id}),
                 held_by_professional=professional_id in holders.get(role, set()),
                 handing_to=handing.get(role) or "")
        for role in wanted
    ]
    since = now - SHARE_PERIOD
    held = Occurrence.objects.filter(series__group=group, cancelled_at__isnull=True, starts_at__gte=since,
                                     starts_at__lte=now)
    hosts = list(MeetingRole.objects.filter(occurrence__in=held, role=RoleKind.HOST).values_list("member_id", flat=True))
    return GuidedLeadership(group=group, professional_id=professional_id, functions=functions,
                            meetings_held=held.count(),
                            facilitated_by_members=sum(member_id != professional_id for member_id in hosts))


def group_page_extra(group) -> str:
    """On a guided group's page (registry.group_page_extras): the functions members hold and the
    facilitation share, without names (the page is public for a listed group)."""
    leadership = guided_leadership(group)
    if leadership is None:
        return ""
    return render_to_string("centres/_guided_on_group_page.html", {"leadership": leadership})
