"""Supporters ready to be matched, confirmed through their real path: the readings, a check-in
by a coordinator, and the programme's consent decision, settled once its window has closed."""

from datetime import time, timedelta
from uuid import uuid4

from django.utils import timezone

from moderation.models import CONSENT_WINDOW
from peers.models import Programme
from peers.readings import READING_CODES
from peers.selectors.coordinators import current_coordinators
from peers.services.coordinators import coordinator_term_grant
from peers.services.decisions import programme_proposals_settle_due, supporter_confirmation_propose
from peers.services.path import checkin_record, reading_mark_done
from peers.services.supporters import supporter_pause, supporter_volunteer
from tests.factories import UserFactory, theme

EVERY_DAY = tuple((day, "00:00", "23:59") for day in range(7))


def programme(language="fr") -> Programme:
    return Programme.objects.get_or_create(language=language)[0]


def _someone(**fields):
    """A member whose address and pseudonym no other process's factory will draw: the browser
    tests build in several shells against one database, each counting from zero."""
    token = uuid4().hex[:10]
    return UserFactory(email=f"peers-{token}@example.org", pseudonym=f"Pair{token}", **fields)


def make_coordinator(language="fr", member=None, *, starts_at=None, ends_at=None):
    """A member holding a term of the language's programme, granted by staff; by default from a
    month ago to a year ahead."""
    now = timezone.now()
    starts_at, ends_at = starts_at or now - timedelta(days=30), ends_at or now + timedelta(days=365)
    member = member or _someone()
    coordinator_term_grant(actor=_someone(is_staff=True), programme=programme(language), member=member,
                           starts_at=starts_at, ends_at=ends_at, now=starts_at)
    return member


def _past_coordinator(language, at, *, exclude):
    """A coordinator whose term covered `at` and ended long ago, so that confirming supporters
    leaves no current coordinator behind for the test to trip over."""
    found = current_coordinators(programme(language), at).exclude(pk=exclude.pk).first()
    return found or make_coordinator(language, starts_at=at - timedelta(hours=1), ends_at=at + timedelta(hours=1))


def confirm(supporter, *, coordinator=None):
    """Readings, then a check-in and a confirmation proposal a consent window ago, settled now."""
    language = supporter.languages.order_by("pk").first().language
    proposed_at = timezone.now() - CONSENT_WINDOW - timedelta(minutes=1)
    coordinator = coordinator or _past_coordinator(language, proposed_at, exclude=supporter.member)
    for code in READING_CODES:
        reading_mark_done(actor=supporter.member, code=code)
    checkin_record(actor=coordinator, supporter=supporter, now=proposed_at)
    proposal = supporter_confirmation_propose(actor=coordinator, supporter=supporter, now=proposed_at)
    programme_proposals_settle_due(proposal=proposal)
    supporter.refresh_from_db()
    return supporter


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
        confirm(supporter)
    supporter.refresh_from_db()
    return supporter
