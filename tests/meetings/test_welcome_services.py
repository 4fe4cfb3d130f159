"""The welcome contact of an occurrence writes a short welcome to the newcomers coming to it,
through the private conversations and with their rules; nobody else does, and nobody is
welcomed who is not coming, not new, or once the meeting is over."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conversations.models import Conversation, PrivateMessage
from conversations.permissions import ACCOUNT_TOO_NEW, TAKES_NO_PRIVATE_MESSAGES
from conversations.services import conversation_start
from entraide.errors import Conflict, DomainError, NotAllowed
from meetings import permissions
from meetings.models import MeetingRoleKind, Rsvp, RsvpAnswer
from meetings.selectors.welcome import newcomer_ids
from meetings.services.occurrences import occurrence_cancel
from meetings.services.roles import meeting_role_leave, meeting_role_take
from meetings.services.rsvps import rsvp_set
from meetings.services.welcome import ALREADY_WELCOMED, WELCOME_MAX_LENGTH, welcome_send
from moderation.services.safety import member_block
from tests.factories import UserFactory, join, make_group

from .meeting_builders import weekly_series

pytestmark = pytest.mark.django_db

WELCOME = "Bienvenue ! Je serai là dix minutes avant pour vous accueillir."


def settled(**fields):
    """A member whose account is older than the day private messages wait for."""
    return UserFactory(date_joined=timezone.now() - timedelta(days=3), **fields)


@pytest.fixture
def meeting():
    """A weekly series whose first occurrence has a welcome contact."""
    planner = settled()
    group = make_group(planner)
    series = weekly_series(group, planner)
    first, second = series.occurrences.order_by("starts_at")[:2]
    contact = join(group, settled())
    meeting_role_take(actor=contact, occurrence=first, role=MeetingRoleKind.WELCOME)
    return group, planner, contact, first, second


def coming(group, occurrence, member=None):
    member = member or join(group, settled())
    rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.GOING)
    return member


def test_the_welcome_contact_welcomes_a_newcomer_in_a_private_conversation(meeting):
    group, _planner, contact, first, _second = meeting
    newcomer = coming(group, first)
    message = welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME)
    assert message.sender == contact and message.body == WELCOME
    assert set(message.conversation.member_ids()) == {contact.pk, newcomer.pk}


def test_a_welcome_is_recorded_and_a_second_one_for_the_same_occurrence_is_refused(meeting):
    group, _planner, contact, first, _second = meeting
    newcomer = coming(group, first)
    sent = welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME)

    with pytest.raises(Conflict) as refused:
        welcome_send(actor=contact, occurrence=first, member=newcomer, body="Et encore bienvenue !")

    assert refused.value.status == 409
    assert refused.value.message == ALREADY_WELCOMED % {"name": newcomer.display_name}
    assert list(PrivateMessage.objects.all()) == [sent]
    rsvp = Rsvp.objects.get(occurrence=first, member=newcomer)
    assert (rsvp.welcomed_at, rsvp.welcomed_by) == (sent.created_at, contact)


def test_the_next_welcome_contact_does_not_welcome_the_same_newcomer_again(meeting):
    group, _planner, contact, first, _second = meeting
    newcomer = coming(group, first)
    welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME)
    meeting_role_leave(actor=contact, occurrence=first, role=MeetingRoleKind.WELCOME)
    next_contact = join(group, settled())
    meeting_role_take(actor=next_contact, occurrence=first, role=MeetingRoleKind.WELCOME)

    with pytest.raises(Conflict):
        welcome_send(actor=next_contact, occurrence=first, member=newcomer, body=WELCOME)

    assert PrivateMessage.objects.count() == 1


def test_a_welcome_the_conversations_refused_is_not_recorded(meeting):
    group, _planner, contact, first, _second = meeting
    newcomer = coming(group, first)
    member_block(actor=newcomer, member=contact)
    with pytest.raises(NotAllowed):
        welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME)

    assert Rsvp.objects.get(occurrence=first, member=newcomer).welcomed_at is None


def test_a_welcome_for_one_occurrence_leaves_the_newcomer_welcome_at_another(meeting):
    group, _planner, contact, first, second = meeting
    newcomer = coming(group, first)
    coming(group, second, newcomer)
    meeting_role_take(actor=contact, occurrence=second, role=MeetingRoleKind.WELCOME)
    welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME)

    # Still new at the second date while the first has not begun.
    assert welcome_send(actor=contact, occurrence=second, member=newcomer, body=WELCOME)
    assert PrivateMessage.objects.count() == 2


def test_a_conversation_the_two_already_have_goes_on(meeting):
    group, _planner, contact, first, _second = meeting
    newcomer = coming(group, first)
    earlier = conversation_start(actor=newcomer, other=contact, body="Je viens pour la première fois ?")
    message = welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME)
    assert message.conversation == earlier.conversation
    assert Conversation.objects.count() == 1


def test_someone_who_came_to_a_meeting_that_has_begun_is_no_longer_new(meeting):
    group, _planner, contact, first, second = meeting
    regular = coming(group, first)
    coming(group, second, regular)
    meeting_role_take(actor=contact, occurrence=second, role=MeetingRoleKind.WELCOME)
    # Before the first meeting starts, the second would still be their first one they came to.
    assert newcomer_ids(second, [regular.pk]) == {regular.pk}
    after_the_first = first.starts_at + timedelta(minutes=5)
    assert newcomer_ids(second, [regular.pk], now=after_the_first) == set()
    with pytest.raises(DomainError) as refused:
        welcome_send(actor=contact, occurrence=second, member=regular, body=WELCOME, now=after_the_first)
    assert refused.value.message == permissions.NOT_NEW
    assert not PrivateMessage.objects.exists()


def test_a_cancelled_meeting_or_a_place_on_the_waiting_list_does_not_count_as_having_come():
    planner = settled()
    group = make_group(planner)
    series = weekly_series(group, planner, capacity=1)
    first, second, third = series.occurrences.order_by("starts_at")[:3]
    waited, cancelled_for = join(group, settled()), join(group, settled())
    coming(group, first)
    coming(group, first, waited)
    coming(group, second, cancelled_for)
    occurrence_cancel(actor=planner, occurrence=second, reason="La salle est fermée.")
    after_both = second.starts_at + timedelta(minutes=5)
    assert first.rsvps.get(member=waited).waiting_since is not None
    assert newcomer_ids(third, [waited.pk, cancelled_for.pk], now=after_both) == {waited.pk, cancelled_for.pk}


def test_only_the_welcome_contact_of_that_occurrence_welcomes(meeting):
    group, planner, contact, first, second = meeting
    newcomer = coming(group, first)
    coming(group, second, newcomer)
    for actor, occurrence in ((planner, first), (contact, second)):
        with pytest.raises(NotAllowed) as refused:
            welcome_send(actor=actor, occurrence=occurrence, member=newcomer, body=WELCOME)
        assert refused.value.message == permissions.WELCOME_CONTACT_ONLY
    assert not PrivateMessage.objects.exists()


def test_someone_who_is_not_coming_is_not_welcomed(meeting):
    group, _planner, contact, first, _second = meeting
    hesitant = join(group, settled())
    rsvp_set(actor=hesitant, occurrence=first, answer=RsvpAnswer.MAYBE)
    stranger = settled()
    for member in (hesitant, stranger):
        with pytest.raises(DomainError) as refused:
            welcome_send(actor=contact, occurrence=first, member=member, body=WELCOME)
        assert refused.value.message == permissions.NOT_COMING


def test_no_welcome_once_the_meeting_is_over(meeting):
    group, _planner, contact, first, _second = meeting
    newcomer = coming(group, first)
    during = first.starts_at + timedelta(minutes=30)
    assert welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME, now=during)
    with pytest.raises(DomainError) as refused:
        welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME, now=first.ends_at)
    assert refused.value.message == permissions.WELCOME_OVER


def test_a_newcomer_who_blocked_the_contact_or_whose_account_is_new_takes_no_private_messages(meeting):
    group, _planner, contact, first, _second = meeting
    blocking = coming(group, first)
    member_block(actor=blocking, member=contact)
    brand_new = coming(group, first, join(group))
    for member in (blocking, brand_new):
        with pytest.raises(NotAllowed) as refused:
            welcome_send(actor=contact, occurrence=first, member=member, body=WELCOME)
        assert refused.value.message == TAKES_NO_PRIVATE_MESSAGES
    assert not PrivateMessage.objects.exists()


def test_a_contact_whose_own_account_is_new_waits_like_anyone_for_private_messages():
    planner = settled()
    group = make_group(planner)
    first = weekly_series(group, planner).occurrences.order_by("starts_at").first()
    contact = join(group)
    meeting_role_take(actor=contact, occurrence=first, role=MeetingRoleKind.WELCOME)
    newcomer = coming(group, first)
    with pytest.raises(NotAllowed) as refused:
        welcome_send(actor=contact, occurrence=first, member=newcomer, body=WELCOME)
    assert refused.value.message == ACCOUNT_TOO_NEW


def test_a_welcome_is_short(meeting):
    group, _planner, contact, first, _second = meeting
    newcomer = coming(group, first)
    with pytest.raises(DomainError) as refused:
        welcome_send(actor=contact, occurrence=first, member=newcomer, body="a" * (WELCOME_MAX_LENGTH + 1))
    assert str(WELCOME_MAX_LENGTH) in str(refused.value.message)
    assert not PrivateMessage.objects.exists()
