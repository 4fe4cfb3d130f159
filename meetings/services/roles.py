"""The jobs of one meeting (host, timekeeper, welcome), taken on by members one meeting at a time."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from entraide.errors import Conflict, DomainError
from entraide.standing import read_standing

from .. import permissions
from ..models import MeetingRole, MeetingRoleKind, Occurrence

BAD_ROLE = _("Ce rôle n'existe pas pour une rencontre.")


def _locked(occurrence: Occurrence) -> Occurrence:
    return Occurrence.objects.select_for_update().select_related("series__group").get(pk=occurrence.pk)


def _holder_id(occurrence: Occurrence, role: str):
    return MeetingRole.objects.filter(occurrence=occurrence, role=role).values_list("member_id", flat=True).first()


@transaction.atomic
def meeting_role_take(*, actor, occurrence: Occurrence, role, now=None) -> MeetingRole:
    if role not in MeetingRoleKind.values:
        raise DomainError(BAD_ROLE)
    occurrence = _locked(occurrence)
    permissions.check_take_role(read_standing(actor, occurrence.series.group), occurrence,
                                _holder_id(occurrence, role), now)
    try:
        with transaction.atomic():
            return MeetingRole.objects.create(occurrence=occurrence, role=role, member=actor)
    except IntegrityError:
        raise Conflict(permissions.ROLE_TAKEN) from None


@transaction.atomic
def meeting_role_leave(*, actor, occurrence: Occurrence, role, now=None) -> None:
    if role not in MeetingRoleKind.values:
        raise DomainError(BAD_ROLE)
    occurrence = _locked(occurrence)
    permissions.check_leave_role(read_standing(actor, occurrence.series.group), occurrence,
                                 _holder_id(occurrence, role), now)
    MeetingRole.objects.filter(occurrence=occurrence, role=role, member=actor).delete()
