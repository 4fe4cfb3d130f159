"""Peer support for the demo data (manage.py seed_demo, through registry.demo_data): Colibri and
Sésame are confirmed supporters for epilepsy in French, evenings, and Lune is paired with Colibri.
Written through the services; the confirmation, whose consent decision is not built yet, is
written as its end. Idempotent: nothing is added once Colibri is a supporter."""

from datetime import time

from django.utils import timezone

from entraide.models import Theme

from .models import PairingOffer, Supporter
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
    Supporter.objects.filter(member__in=supporters).update(confirmed_at=timezone.now())
    request = request_open(actor=members["Lune"], theme=epilepsy, language="fr", format="written",
                           words=REQUEST_WORDS)
    offer = PairingOffer.objects.get(request=request)
    # Equal load and confirmation: the first to volunteer, Colibri, is offered it.
    offer_accept(actor=offer.supporter.member, offer=offer)
    offer_confirm(actor=members["Lune"], offer=offer)
    return len(supporters)
