"""Group starters: who may volunteer, a new group asking, a volunteer taking the request and
joining, and the accompaniment ending by itself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import JoinPolicy, Membership
from entraide.services.groups import group_leave
from moderation.models import LogAction, ModerationLogEntry
from peers.models import StarterAssignment, StarterRequest, StarterVolunteer
from peers.selectors.starters import is_experienced, open_requests_for, time_in_roles
from peers.services.starters import (
    starter_assignments_end_due, starter_request_accept, starter_request_open, starter_request_withdraw,
    starter_volunteer, starter_withdraw,
)
from tests.factories import UserFactory, join, make_group

from .starter_builders import accompanied, aged, asked, make_volunteer, new_group, with_roles_held

pytestmark = pytest.mark.django_db


def test_seven_months_of_roles_make_a_member_experienced_and_five_do_not():
    assert is_experienced(with_roles_held(7 * 30))
    assert not is_experienced(with_roles_held(5 * 30))


def test_roles_held_side_by_side_count_once():
    # A founder holds four roles at once: 100 days of them are 100 days, not 400.
    assert time_in_roles(with_roles_held(100)).days == 100


def test_a_member_without_six_months_of_roles_cannot_volunteer():
    with pytest.raises(NotAllowed):
        starter_volunteer(actor=with_roles_held(5 * 30), languages=["fr"])
    assert not StarterVolunteer.objects.exists()


def test_an_experienced_member_volunteers_once_and_may_withdraw():
    member = with_roles_held(7 * 30)
    volunteer = starter_volunteer(actor=member, languages=["fr", "de"], note="J'ai animé deux groupes.")
    assert sorted(volunteer.languages.values_list("language", flat=True)) == ["de", "fr"]
    with pytest.raises(Conflict):
        starter_volunteer(actor=member, languages=["fr"])
    starter_withdraw(actor=member)
    assert not StarterVolunteer.objects.filter(member=member).exists()
    with pytest.raises(Conflict):
        starter_withdraw(actor=member)


def test_a_volunteer_offers_known_languages_and_a_short_note():
    member = with_roles_held(7 * 30)
    with pytest.raises(DomainError):
        starter_volunteer(actor=member, languages=[])
    with pytest.raises(DomainError):
        starter_volunteer(actor=member, languages=["xx"])
    with pytest.raises(DomainError):
        starter_volunteer(actor=member, languages=["fr"], note="x" * 1001)


def test_a_role_holder_of_a_new_group_asks_once_at_a_time():
    group, founder = new_group()
    request = asked(group, founder)
    assert request.status == "open"
    with pytest.raises(Conflict):
        asked(group, founder)
    starter_request_withdraw(actor=founder, request=request)
    assert asked(group, founder).status == "open"


def test_a_group_three_months_old_is_refused():
    group, founder = new_group()
    aged(group, 91)
    with pytest.raises(NotAllowed):
        asked(group, founder)


def test_a_plain_member_cannot_ask():
    group, _founder = new_group()
    with pytest.raises(NotAllowed):
        starter_request_open(actor=join(group), group=group, words="Bonjour")


def test_the_words_are_needed_and_short():
    group, founder = new_group()
    with pytest.raises(DomainError):
        asked(group, founder, words="   ")
    with pytest.raises(DomainError):
        asked(group, founder, words="x" * 1001)
    assert not StarterRequest.objects.exists()


def test_a_volunteer_sees_requests_in_their_languages_of_groups_they_are_not_in():
    french, founder = new_group(name="Groupe romand")
    asked(french, founder)
    german, founder_de = new_group(name="Gruppe Zürich", languages=("de",))
    asked(german, founder_de)
    volunteer = make_volunteer(languages=("fr",))
    assert [request.group for request in open_requests_for(volunteer)] == [french]
    join(french, volunteer)
    assert open_requests_for(volunteer) == []


def test_taking_the_request_joins_a_group_on_request_with_the_starter_role_and_logs_it():
    group, founder = new_group(join_policy=JoinPolicy.REQUEST)
    starter = make_volunteer()
    assignment = starter_request_accept(actor=starter, request=asked(group, founder),
                                        charter_version_accepted=group.charter_version)
    assert Membership.objects.filter(group=group, user=starter).exists()
    assert assignment.is_current and assignment.ends_at == assignment.starts_at + timedelta(days=90)
    assert StarterRequest.objects.get(group=group).status == "taken"
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.STARTER_JOINED)
    assert entry.actor == starter and entry.target_display == starter.pseudonym


def test_a_request_is_taken_once():
    assignment = accompanied()
    other = make_volunteer()
    with pytest.raises(Conflict):
        starter_request_accept(actor=other, request=assignment.request,
                               charter_version_accepted=assignment.group.charter_version)


def test_a_volunteer_without_the_groups_language_or_not_a_volunteer_cannot_take_it():
    group, founder = new_group()
    request = asked(group, founder)
    with pytest.raises(NotAllowed):
        starter_request_accept(actor=make_volunteer(languages=("de",)), request=request,
                               charter_version_accepted=group.charter_version)
    with pytest.raises(NotAllowed):
        starter_request_accept(actor=UserFactory(), request=request, charter_version_accepted=group.charter_version)


def test_the_charter_is_accepted_to_join():
    group, founder = new_group()
    with pytest.raises(DomainError):
        starter_request_accept(actor=make_volunteer(), request=asked(group, founder), charter_version_accepted="")
    assert not StarterAssignment.objects.exists()


def test_after_three_months_the_role_ends_by_itself_and_is_logged():
    assignment = accompanied()
    assert starter_assignments_end_due(now=timezone.now() + timedelta(days=89)) == 0
    assert starter_assignments_end_due(now=timezone.now() + timedelta(days=91)) == 1
    assignment.refresh_from_db()
    assert assignment.ended_at is not None and assignment.end_reason == "term"
    entry = ModerationLogEntry.objects.get(group=assignment.group, action=LogAction.STARTER_ENDED)
    assert entry.target_display == f"{assignment.starter.pseudonym}, après trois mois"
    # Still a member, and ended only once.
    assert Membership.objects.filter(group=assignment.group, user=assignment.starter).exists()
    assert starter_assignments_end_due(now=timezone.now() + timedelta(days=92)) == 0


def test_after_the_third_meeting_held_the_role_ends():
    from meetings.models import Occurrence
    from tests.meetings.meeting_builders import weekly_series

    group, founder = new_group()
    assignment = accompanied(group, founder)
    weekly_series(group, founder)
    meetings = list(Occurrence.objects.filter(series__group=group).order_by("starts_at")[:3])
    assert starter_assignments_end_due(now=meetings[1].ends_at + timedelta(minutes=1)) == 0
    Occurrence.objects.filter(pk=meetings[2].pk).update(cancelled_at=timezone.now())
    assert starter_assignments_end_due(now=meetings[2].ends_at + timedelta(minutes=1)) == 0
    Occurrence.objects.filter(pk=meetings[2].pk).update(cancelled_at=None)
    assert starter_assignments_end_due(now=meetings[2].ends_at + timedelta(minutes=1)) == 1
    assignment.refresh_from_db()
    assert assignment.end_reason == "meetings"
    assert ModerationLogEntry.objects.filter(group=group, action=LogAction.STARTER_ENDED).count() == 1


def test_a_starter_who_leaves_ends_the_accompaniment():
    assignment = accompanied()
    group_leave(actor=assignment.starter, group=assignment.group)
    assignment.refresh_from_db()
    assert assignment.end_reason == "left"
    assert ModerationLogEntry.objects.filter(group=assignment.group, action=LogAction.STARTER_ENDED).exists()


def test_once_accompanied_the_group_asks_no_more_until_it_ends():
    assignment = accompanied()
    with pytest.raises(Conflict):
        starter_request_open(actor=assignment.group.created_by, group=assignment.group, words="Encore")


def test_a_group_made_long_ago_by_an_experienced_member_is_too_old():
    founder = with_roles_held(200)
    group = aged(make_group(founder, name="Ancien groupe"), 200)
    with pytest.raises(NotAllowed):
        starter_request_open(actor=founder, group=group, words="Bonjour")


def test_a_volunteer_the_group_removed_stays_out():
    from tests.moderation.builders import removed_from

    group, founder = new_group()
    volunteer = make_volunteer()
    join(group, volunteer)
    removed_from(group, volunteer)
    with pytest.raises(NotAllowed):
        starter_request_accept(actor=volunteer, request=asked(group, founder),
                               charter_version_accepted=group.charter_version)
    assert not Membership.objects.filter(group=group, user=volunteer).exists()
