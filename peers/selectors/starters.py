"""Reading group starters: who may volunteer, the requests a volunteer sees, who accompanies a
group, and the new groups a member holds a role in."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from entraide.models import Group, GroupLanguage, Membership
from moderation.models import RoleHolding

from ..models import (
    NEW_GROUP_AGE, StarterAssignment, StarterRequest, StarterRequestStatus, StarterVolunteer,
    StarterVolunteerLanguage,
)
from ..models.starters import EXPERIENCE_NEEDED


def time_in_roles(member, now=None) -> timedelta:
    """The time the member has held at least one role, in any group, up to now: one query.
    Terms held side by side count once (a founder holds four roles at first), so the spans are
    merged rather than summed."""
    now = now or timezone.now()
    if not getattr(member, "is_authenticated", False):
        return timedelta(0)
    spans = (RoleHolding.objects.filter(user=member.pk, starts_at__lt=now).order_by("starts_at")
             .values_list("starts_at", "ends_at"))
    total, reached = timedelta(0), None
    for starts_at, ends_at in spans:
        ends_at = min(ends_at, now)
        if reached is not None and starts_at < reached:
            starts_at = reached
        if ends_at > starts_at:
            total += ends_at - starts_at
            reached = ends_at
    return total


def is_experienced(member, now=None) -> bool:
    return time_in_roles(member, now) >= EXPERIENCE_NEEDED


def volunteer_of(member) -> StarterVolunteer | None:
    if not member.is_authenticated:
        return None
    return StarterVolunteer.objects.filter(member=member).prefetch_related("languages").first()


def _open_for(member):
    """Open requests of groups the member is not in, in a language they offer."""
    offered = StarterVolunteerLanguage.objects.filter(volunteer__member=member.pk).values("language")
    speaks = Exists(GroupLanguage.objects.filter(group=OuterRef("group"), code__in=offered))
    belongs = Exists(Membership.objects.filter(group=OuterRef("group"), user=member.pk))
    return (StarterRequest.objects.filter(status=StarterRequestStatus.OPEN).filter(speaks).exclude(belongs))


def open_requests_for(member) -> list[StarterRequest]:
    return list(_open_for(member).select_related("group").prefetch_related("group__language_rows"))


def request_for(member, pk) -> StarterRequest | None:
    """A request the member may take now; None (a 404) for anyone else."""
    return _open_for(member).select_related("group").filter(pk=pk).first()


def current_starter(group) -> StarterAssignment | None:
    """Who accompanies the group now."""
    return StarterAssignment.objects.filter(group=group, ended_at__isnull=True).select_related("starter").first()


def open_request_of(group) -> StarterRequest | None:
    return StarterRequest.objects.filter(group=group, status=StarterRequestStatus.OPEN).first()


def new_groups_held(member, now=None) -> list[Group]:
    """Groups under three months old where the member holds a role now, for the home page."""
    now = now or timezone.now()
    holds = RoleHolding.objects.current(now).filter(group=OuterRef("pk"), user=member.pk)
    return list(Group.objects.filter(Exists(holds), created_at__gt=now - NEW_GROUP_AGE,
                                     memberships__user=member.pk).order_by("name"))


def assignments_of(member) -> list[StarterAssignment]:
    return list(StarterAssignment.objects.filter(starter=member).select_related("group"))


def group_page_extra(group) -> str:
    """On the group's page (registry.group_page_extras): that a starter accompanies it, until
    when, without their name, which the group's members read on its starter page."""
    assignment = StarterAssignment.objects.filter(group=group, ended_at__isnull=True).only("ends_at").first()
    if assignment is None:
        return ""
    return render_to_string("peers/_starter_on_group_page.html", {"group": group, "assignment": assignment})
