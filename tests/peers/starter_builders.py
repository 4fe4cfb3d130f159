"""Group starters built through the services; time in roles and a group's age are moved back
by updates, as tests/moderation/builders.py moves terms."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from entraide.models import Group
from moderation.models import RoleHolding
from peers.services.starters import starter_request_accept, starter_request_open, starter_volunteer
from tests.factories import UserFactory, make_group


def with_roles_held(days, member=None):
    """A member who founded a group and has held its roles for `days` days, still holding them."""
    member = member or UserFactory()
    group = make_group(member, name=f"Groupe fondé par {member.pseudonym}")
    now = timezone.now()
    RoleHolding.objects.filter(user=member, group=group).update(starts_at=now - timedelta(days=days),
                                                                 ends_at=now + timedelta(days=30))
    return member


def make_volunteer(languages=("fr",), member=None):
    member = with_roles_held(210, member)
    starter_volunteer(actor=member, languages=list(languages))
    return member


def aged(group, days):
    Group.objects.filter(pk=group.pk).update(created_at=timezone.now() - timedelta(days=days))
    group.refresh_from_db()
    return group


_numbers = count(1)


def new_group(**fields):
    """A group a few days old and its founder, who holds its roles."""
    founder = UserFactory()
    return aged(make_group(founder, name=fields.pop("name", None) or f"Nouveau groupe {next(_numbers)}", **fields), 5), founder


def asked(group, founder, words="Nous aimerions de l'aide pour nos premières rencontres."):
    return starter_request_open(actor=founder, group=group, words=words)


def accompanied(group=None, founder=None, starter=None, now=None):
    if group is None:
        group, founder = new_group()
    request = asked(group, founder)
    starter = starter or make_volunteer()
    return starter_request_accept(actor=starter, request=request, charter_version_accepted=group.charter_version,
                                  now=now)
