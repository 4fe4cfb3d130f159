"""A programme proposal is news for those who decide it: the coordinators and confirmed
supporters of the programme, not the proposer, not the volunteer it would confirm; and it is
news no more once settled."""

from datetime import timedelta

import pytest
from django.utils import timezone

from moderation.models import CONSENT_WINDOW
from notifications.models import Notification
from notifications.selectors import worded
from peers.readings import READING_CODES
from peers.services.decisions import programme_proposals_settle_due, supporter_confirmation_propose
from peers.services.path import checkin_record, reading_mark_done
from tests.factories import UserFactory
from tests.notifications.builders import committed

from .builders import make_coordinator, make_supporter

pytestmark = pytest.mark.django_db


def notices(member):
    return [(notice.kind, notice.text, notice.url)
            for notice in worded(list(Notification.objects.filter(recipient=member)), member)]


def test_a_confirmation_proposal_reaches_those_who_decide_and_goes_once_settled(django_capture_on_commit_callbacks):
    decider, elsewhere, resting = make_supporter(), make_supporter(languages=("de",)), make_supporter(paused=True)
    volunteer = make_supporter(UserFactory(pseudonym="Aurore"), confirmed=False)
    coordinator = make_coordinator("fr")
    for code in READING_CODES:
        reading_mark_done(actor=volunteer.member, code=code)
    checkin_record(actor=coordinator, supporter=volunteer)
    proposal = committed(django_capture_on_commit_callbacks,
                         lambda: supporter_confirmation_propose(actor=coordinator, supporter=volunteer))
    [(kind, text, url)] = notices(decider.member)
    assert kind == "peer_programme_proposal" and "Confirmer" in text and "Aurore" not in text
    assert url == f"/peers/programmes/fr/#proposal-{proposal.pk}"
    assert notices(coordinator) == notices(volunteer.member) == notices(elsewhere.member) == []
    # A paused supporter is asked nothing.
    assert notices(resting.member) == []

    programme_proposals_settle_due(now=timezone.now() + CONSENT_WINDOW + timedelta(minutes=1))
    assert notices(decider.member) == []
