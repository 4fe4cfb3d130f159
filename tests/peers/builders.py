"""Supporters ready to be matched. Confirmation by consent is not built yet, so a confirmed
supporter is written as the end of their path would leave them."""

from datetime import time

from django.utils import timezone

from peers.models import Supporter
from peers.services.supporters import supporter_pause, supporter_volunteer
from tests.factories import UserFactory, theme

EVERY_DAY = tuple((day, "00:00", "23:59") for day in range(7))


def make_supporter(member=None, *, themes=("epilepsy",), languages=("fr",), formats=("written",),
                   slots=EVERY_DAY, max_pairings=1, confirmed=True, paused=False, time_zone="Europe/Zurich"):
    member = member or UserFactory(time_zone=time_zone)
    supporter = supporter_volunteer(
        actor=member, themes=[theme(code) for code in themes], languages=languages, formats=formats,
        slots=[(day, time.fromisoformat(start), time.fromisoformat(end)) for day, start, end in slots],
        max_pairings=max_pairings,
    )
    if paused:
        supporter_pause(actor=member)
    if confirmed:
        Supporter.objects.filter(pk=supporter.pk).update(confirmed_at=timezone.now())
    supporter.refresh_from_db()
    return supporter
