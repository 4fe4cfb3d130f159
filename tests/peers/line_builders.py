"""The listening line's state for tests: supporters on duty, coordinators, callers in the queue."""

from datetime import timedelta

from django.utils import timezone

from peers.models import CoordinatorTerm, Programme
from peers.services.duty import duty_slot_take
from peers.services.line import line_answer, line_knock
from tests.factories import UserFactory

from .builders import make_supporter


def on_duty(*, language="fr", now=None, hours=2, **supporter_fields):
    """A confirmed supporter on duty from `now` for `hours`; their member."""
    now = now or timezone.now()
    supporter = make_supporter(languages=(language,), **supporter_fields)
    duty_slot_take(actor=supporter.member, language=language, starts_at=now, ends_at=now + timedelta(hours=hours),
                   now=now)
    return supporter.member


def coordinator(*, language="fr", member=None, now=None):
    now = now or timezone.now()
    member = member or UserFactory()
    programme, _created = Programme.objects.get_or_create(language=language)
    CoordinatorTerm.objects.create(member=member, programme=programme, starts_at=now - timedelta(days=30),
                                   ends_at=now + timedelta(days=300))
    return member


def knocked(caller=None, *, language="fr", now=None):
    return line_knock(actor=caller or UserFactory(), language=language, now=now)


def talking(*, language="fr", now=None):
    """A caller and a supporter in an open conversation: (conversation, caller, supporter)."""
    now = now or timezone.now()
    supporter = on_duty(language=language, now=now)
    conversation = knocked(language=language, now=now)
    line_answer(actor=supporter, now=now)
    conversation.refresh_from_db()
    return conversation, conversation.caller, supporter
