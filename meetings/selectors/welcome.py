"""Who is new among the people coming to an occurrence: what its welcome contact sees."""

from django.utils import timezone

from ..models import Occurrence, Rsvp


def is_coming(occurrence: Occurrence, member) -> bool:
    """Going, with a place (someone on the waiting list may not get one), and still a member."""
    return Rsvp.objects.with_place().filter(occurrence=occurrence, member=member,
                                            member__memberships__group_id=occurrence.series.group_id).exists()


def newcomer_ids(occurrence: Occurrence, member_ids, *, now=None) -> set[int]:
    """The members among `member_ids` for whom this occurrence would be their first meeting in
    the group: no other occurrence of any series of the group (ended series included) that
    starts before this one and has already started, was not cancelled, and where they were
    going with a place. Meetings they only said they will come to, or were on the waiting list
    for, do not count: someone is new until a meeting they came to has begun. One query."""
    member_ids = set(member_ids)
    if not member_ids:
        return set()
    now = now or timezone.now()
    came = (Rsvp.objects.with_place()
            .filter(member_id__in=member_ids,
                    occurrence__series__group_id=occurrence.series.group_id,
                    occurrence__starts_at__lt=occurrence.starts_at, occurrence__starts_at__lte=now,
                    occurrence__cancelled_at__isnull=True)
            .exclude(occurrence_id=occurrence.pk)
            .values_list("member_id", flat=True).distinct())
    return member_ids - set(came)
