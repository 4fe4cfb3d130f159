"""A member's answer to one occurrence, and the waiting list when it is full."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.errors import DomainError
from entraide.standing import read_standing

from .. import permissions
from ..models import MeetingRole, Occurrence, Rsvp, RsvpAnswer

BAD_ANSWER = _("Répondez « J'y serai », « Peut-être » ou « Je n'y serai pas ».")


def going_count(occurrence: Occurrence) -> int:
    """Places taken: those going and not waiting."""
    return Rsvp.objects.with_place().filter(occurrence=occurrence).count()


def waiting_list_promote(occurrence: Occurrence, *, now=None) -> list[Rsvp]:
    """Give the freed places to the waiting list, first come first served."""
    capacity = occurrence.series.capacity
    waiting = Rsvp.objects.filter(occurrence=occurrence, answer=RsvpAnswer.GOING, waiting_since__isnull=False)
    if capacity is None:
        promoted = list(waiting)
    else:
        free = capacity - going_count(occurrence)
        promoted = list(waiting.order_by("waiting_since", "pk")[:max(free, 0)])
    Rsvp.objects.filter(pk__in=[rsvp.pk for rsvp in promoted]).update(waiting_since=None,
                                                                      updated_at=now or timezone.now())
    return promoted


@transaction.atomic
def rsvp_set(*, actor, occurrence: Occurrence, answer, now=None) -> Rsvp:
    """Going takes a place, or a place on the waiting list when the meeting is full; leaving a
    place gives it to the first person waiting."""
    if answer not in RsvpAnswer.values:
        raise DomainError(BAD_ANSWER)
    now = now or timezone.now()
    # The occurrence's row is the lock: two members never take the last place at once.
    occurrence = Occurrence.objects.select_for_update().select_related("series__group").get(pk=occurrence.pk)
    permissions.check_rsvp(read_standing(actor, occurrence.series.group), occurrence, now)
    rsvp = Rsvp.objects.filter(occurrence=occurrence, member=actor).first()
    had_place = rsvp is not None and rsvp.answer == RsvpAnswer.GOING and rsvp.waiting_since is None
    if rsvp is not None and rsvp.answer == answer:
        return rsvp
    waiting_since = None
    if answer == RsvpAnswer.GOING and not had_place:
        capacity = occurrence.series.capacity
        if capacity is not None and going_count(occurrence) >= capacity:
            waiting_since = now
    if rsvp is None:
        rsvp = Rsvp.objects.create(occurrence=occurrence, member=actor, answer=answer, waiting_since=waiting_since)
    else:
        rsvp.answer, rsvp.waiting_since = answer, waiting_since
        rsvp.save(update_fields=["answer", "waiting_since", "updated_at"])
    if had_place and answer != RsvpAnswer.GOING:
        waiting_list_promote(occurrence, now=now)
    return rsvp


def coming_meetings_leave(member, group, *, now=None) -> None:
    """A member who leaves a group, or is removed from it, no longer comes to its coming meetings
    nor holds a job in them (registry.membership_ended, inside the transaction that ends the
    membership): the places they held go to the first people waiting. Past meetings keep who came."""
    now = now or timezone.now()
    coming = Occurrence.objects.filter(series__group=group, starts_at__gt=now)
    MeetingRole.objects.filter(occurrence__in=coming, member=member).delete()
    left = list(Rsvp.objects.filter(occurrence__in=coming, member=member).values_list("occurrence_id", flat=True))
    Rsvp.objects.filter(occurrence__in=coming, member=member).delete()
    for occurrence in Occurrence.objects.filter(pk__in=left).select_related("series"):
        waiting_list_promote(occurrence, now=now)
