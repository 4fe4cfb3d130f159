"""The demo data gives each demo group a few chat messages, twice without change."""

from io import StringIO

import pytest
from django.core.management import call_command

from chat.models import ChatMessage
from entraide.models import Group

pytestmark = pytest.mark.django_db


def _seed() -> None:
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())


def test_each_demo_group_has_chat_messages_in_seq_order_and_seeding_twice_adds_none():
    _seed()
    for group in Group.objects.all():
        seqs = list(ChatMessage.objects.filter(group=group).values_list("seq", flat=True))
        assert seqs and seqs == list(range(1, len(seqs) + 1)), group.slug
    count = ChatMessage.objects.count()
    _seed()
    assert ChatMessage.objects.count() == count
