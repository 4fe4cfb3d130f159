"""The chat's reads: visible messages in seq order with their authors, in one query whatever
their number, the one frame a message takes everywhere, and how each reader sees it: folded
for whom they muted or blocked, left out for who blocked them."""

import pytest

from chat.selectors import (
    Silences,
    chat_entry,
    message_frame,
    messages_after,
    messages_before,
    messages_latest,
    room_state,
    seen_frame,
    silences_of,
)
from entraide.errors import NotAllowed, NotFound
from moderation.services.content import content_hide
from moderation.services.safety import member_block, member_mute
from tests.factories import UserFactory, join

from .builders import chat_group, said

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten(db):
    group, founder, member = chat_group()
    for number in range(1, 11):
        said(group, founder if number % 2 else member, f"Message {number}")
    return group, founder, member


def seqs(messages):
    return [message.seq for message in messages]


def test_the_latest_messages_come_oldest_first(ten):
    group, _founder, _member = ten
    assert seqs(messages_latest(group=group, limit=3)) == [8, 9, 10]


def test_older_messages_come_page_by_page_before_a_seq(ten):
    group, _founder, _member = ten
    assert seqs(messages_before(group=group, before_seq=8, limit=3)) == [5, 6, 7]
    assert seqs(messages_before(group=group, before_seq=3, limit=3)) == [1, 2]


def test_missed_messages_come_in_order_after_a_seq(ten):
    group, _founder, _member = ten
    assert seqs(messages_after(group=group, after_seq=7)) == [8, 9, 10]
    assert seqs(messages_after(group=group, after_seq=2, limit=2)) == [3, 4]


def test_hidden_messages_are_left_out_everywhere(ten):
    group, founder, _member = ten
    hidden = messages_latest(group=group)[8]
    content_hide(actor=founder, target=hidden, reason="Hors sujet.")
    assert 9 not in seqs(messages_latest(group=group))
    assert seqs(messages_after(group=group, after_seq=7)) == [8, 10]
    assert seqs(messages_before(group=group, before_seq=11, limit=2)) == [8, 10]


def test_each_read_costs_one_query_whatever_the_number_of_messages(ten, django_assert_num_queries):
    group, _founder, _member = ten
    with django_assert_num_queries(1):
        frames = [message_frame(message) for message in messages_latest(group=group)]
    assert len(frames) == 10
    with django_assert_num_queries(1):
        [message_frame(message) for message in messages_after(group=group, after_seq=0)]


def test_a_message_frame_holds_what_the_client_shows(ten):
    group, founder, _member = ten
    message = messages_latest(group=group)[0]
    frame = message_frame(message)
    assert set(frame) == {"type", "seq", "id", "client_id", "author", "body_html", "created_at"}
    assert frame["type"] == "message" and frame["seq"] == 1 and frame["id"] == message.pk
    assert frame["author"] == {"id": founder.pk, "pseudonym": founder.pseudonym}
    assert frame["body_html"] == "<p>Message 1</p>\n" and frame["created_at"].endswith("Z")


def test_the_room_state_is_known_before_the_first_message_too(ten):
    group, _founder, _member = ten
    assert room_state(group) == (10, 0)
    empty, _founder, _member = chat_group()
    assert room_state(empty) == (0, 0)


def test_the_way_into_a_chat_is_for_members_of_a_group_that_exists(ten):
    group, _founder, member = ten
    entry = chat_entry(user=member, slug=group.slug)
    assert (entry.group, entry.last_seq, entry.lively, entry.hide_presence) == (group, 10, True, False)
    with pytest.raises(NotAllowed):
        chat_entry(user=UserFactory(), slug=group.slug)
    with pytest.raises(NotFound):
        chat_entry(user=member, slug="x" * 300)


# --- As each reader sees them -------------------------------------------------------------------

def test_a_readers_silences_fold_whom_they_muted_or_blocked_and_leave_out_who_blocked_them(ten):
    group, founder, member = ten
    muted, blocked, blocker = join(group), join(group), join(group)
    member_mute(actor=member, member=muted)
    member_block(actor=member, member=blocked)
    member_block(actor=blocker, member=member)
    assert silences_of(member) == Silences(folded=frozenset({muted.pk, blocked.pk}), left_out=frozenset({blocker.pk}))
    assert silences_of(founder) == Silences()


def test_someone_muted_who_also_blocked_the_reader_stays_folded_so_the_block_does_not_show(ten):
    group, _founder, member = ten
    other = join(group)
    member_mute(actor=member, member=other)
    member_block(actor=other, member=member)
    assert silences_of(member) == Silences(folded=frozenset({other.pk}), left_out=frozenset())


def test_the_silences_are_read_in_one_query_whatever_their_number(ten, django_assert_num_queries):
    group, _founder, member = ten
    for _ in range(3):
        member_mute(actor=member, member=join(group))
        member_block(actor=join(group), member=member)
    with django_assert_num_queries(1):
        silences = silences_of(member)
    assert (len(silences.folded), len(silences.left_out)) == (3, 3)


def test_messages_of_a_blocker_are_left_out_of_every_read_and_pages_stay_full(ten):
    group, founder, member = ten
    member_block(actor=founder, member=member)
    silences = silences_of(member)
    assert seqs(messages_latest(group=group, limit=3, silences=silences)) == [6, 8, 10]
    assert seqs(messages_before(group=group, before_seq=6, limit=2, silences=silences)) == [2, 4]
    assert seqs(messages_after(group=group, after_seq=5, silences=silences)) == [6, 8, 10]


def test_a_folded_frame_keeps_the_place_and_moment_and_nothing_of_the_words_nor_the_author(ten):
    group, founder, member = ten
    member_mute(actor=member, member=founder)
    whole = message_frame(messages_latest(group=group)[0])
    assert seen_frame(whole, silences_of(member)) == {"type": "message", "seq": 1, "folded": True,
                                                      "created_at": whole["created_at"]}
    assert seen_frame(whole, silences_of(founder)) == whole
    assert seen_frame(whole, Silences(left_out=frozenset({founder.pk}))) is None
