"""Peer support for the demo data (manage.py seed_demo, through registry.demo_data): Colibri and
Sésame are confirmed supporters for epilepsy in French, evenings, Lune is paired with Colibri, and
Sésame is on duty on the listening line for the hour after seeding.
Centre, staff, holds a term as coordinator of the French programme and confirmed both through
their path: the readings, a check-in, and the programme's consent decision, dated one consent
window back so that seeding settles it. Written through the services. Idempotent: nothing is
added once Colibri is a supporter."""

from datetime import time, timedelta

from django.utils import timezone

from entraide.models import Theme
from moderation.models import CONSENT_WINDOW

from .models import PairingOffer, Programme, Supporter
from .readings import READING_CODES
from .services.coordinators import coordinator_term_grant
from .services.decisions import programme_proposals_settle_due, supporter_confirmation_propose
from .services.duty import duty_slot_take
from .services.path import checkin_record, reading_mark_done
from .services.pairings import offer_accept, offer_confirm, request_open
from .services.supporters import supporter_volunteer

EVENINGS = [(weekday, time(17), time(22)) for weekday in range(7)]
REQUEST_WORDS = "On vient de me diagnostiquer une épilepsie, j'aimerais parler à quelqu'un qui vit avec."


def seed_peers(*, members: dict, groups: dict) -> int:
    """Returns how many supporters were added."""
    supporters = [members["Colibri"], members["Sésame"]]
    if Supporter.objects.filter(member=supporters[0]).exists():
        return 0
    epilepsy = Theme.objects.get(code="epilepsy")
    for member in supporters:
        supporter_volunteer(actor=member, themes=[epilepsy], languages=["fr"], formats=["written", "video"],
                            slots=EVENINGS, max_pairings=2)
    _confirm_through_the_path(supporters, coordinator=members["Centre"])
    request = request_open(actor=members["Lune"], theme=epilepsy, language="fr", format="written",
                           words=REQUEST_WORDS)
    offer = PairingOffer.objects.get(request=request)
    # Equal load and confirmation: the first to volunteer, Colibri, is offered it.
    offer_accept(actor=offer.supporter.member, offer=offer)
    offer_confirm(actor=members["Lune"], offer=offer)
    # One duty hour on the listening line, now: Sésame answers whoever knocks in French.
    now = timezone.now()
    duty_slot_take(actor=members["Sésame"], language="fr", starts_at=now, ends_at=now + timedelta(hours=1), now=now)
    return len(supporters)


def _confirm_through_the_path(members, *, coordinator) -> None:
    programme = Programme.objects.get_or_create(language="fr")[0]
    now = timezone.now()
    proposed_at = now - CONSENT_WINDOW - timedelta(minutes=1)
    starts_at = proposed_at - timedelta(hours=1)
    coordinator_term_grant(actor=coordinator, programme=programme, member=coordinator, starts_at=starts_at,
                           ends_at=now + timedelta(days=365), now=starts_at)
    for member in members:
        for code in READING_CODES:
            reading_mark_done(actor=member, code=code)
        supporter = Supporter.objects.get(member=member)
        checkin_record(actor=coordinator, supporter=supporter, now=proposed_at)
        supporter_confirmation_propose(actor=coordinator, supporter=supporter, now=proposed_at)
    programme_proposals_settle_due(programme=programme, now=now)
