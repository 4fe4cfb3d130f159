"""The demo data gives each demo group meetings, twice without change."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from entraide.models import Group
from meetings.models import AgendaItem, MeetingSeries, Recurrence

pytestmark = pytest.mark.django_db


def _seed() -> None:
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())


def test_each_demo_group_has_a_weekly_meeting_with_an_agenda_and_one_in_the_next_hour():
    _seed()
    for group in Group.objects.all():
        weekly = MeetingSeries.objects.get(group=group, recurrence=Recurrence.WEEKLY)
        assert AgendaItem.objects.filter(occurrence__series=weekly).count() == 4, group.slug
        soon = MeetingSeries.objects.get(group=group, recurrence=Recurrence.ONCE).occurrences.get()
        assert timezone.now() < soon.starts_at <= timezone.now() + timedelta(hours=1)


def test_the_demo_meetings_are_seeded_once():
    _seed()
    counts = (MeetingSeries.objects.count(), AgendaItem.objects.count())

    _seed()

    assert (MeetingSeries.objects.count(), AgendaItem.objects.count()) == counts
