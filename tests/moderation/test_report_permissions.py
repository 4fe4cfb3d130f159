"""Every moderation action × every kind of person: allowed exactly where the rules of issue 3
say, refused elsewhere with a 403 and a message, and nothing stored when refused."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from entraide.errors import DomainError, NotAllowed
from entraide.models import Membership
from entraide.standing import read_standing
from moderation import permissions
from moderation.models import (
    Appeal,
    DecisionAction,
    GroupBan,
    GroupMute,
    ModerationLogEntry,
    RemovalProposal,
    Report,
    ReportDecision,
    ReportStatus,
    RoleKind,
)
from moderation.services.appeals import appeal_file, appeal_settle
from moderation.services.content import content_hide, content_restore
from moderation.services.decisions import report_decide, staff_report_decide
from moderation.services.removal import removal_cancel, removal_confirm, removal_propose
from moderation.services.reports import report_create, worry_raise
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group

from .builders import end_term, give_role
from .report_builders import HIDDEN, decided, membership_of, note_by, notes, reported_note  # noqa: F401

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "non_member", "member", "host", "timekeeper", "welcome", "moderator", "ended_term",
          "muted", "removed", "staff"]
HOLDERS = {"host", "timekeeper", "welcome", "moderator"}
MEMBERS = {"member", "ended_term", "muted"} | HOLDERS


class Cast(dict):
    group = None


@pytest.fixture
def cast(notes):
    """A group whose founder's term ended, a holder of each role, a member muted for 7 days and
    one removed by two holders; `author` writes what is reported and `witness` reports."""
    group = make_group()
    people = Cast(anonymous=AnonymousUser(), non_member=UserFactory(), member=join(group),
                  staff=UserFactory(is_staff=True, is_superuser=True))
    people.group = group
    people["ended_term"] = end_term(group, group.created_by)
    for role in (RoleKind.HOST, RoleKind.TIMEKEEPER, RoleKind.WELCOME, RoleKind.MODERATOR):
        people[role.value] = give_role(group, join(group), role)
    people["author"], people["witness"] = join(group), join(group)
    people["muted"], people["removed"] = join(group), join(group)
    people["mute_decision"] = decided(reported_note(group, people["muted"], people["witness"]), people["moderator"],
                                      DecisionAction.MUTE, "Insultes répétées", mute_days=7)
    proposal = removal_propose(actor=people["host"], group=group, member=people["removed"], reason="Menaces")
    removal_confirm(actor=people["welcome"], proposal=proposal, reason="Menaces confirmées")
    return people


def who(people, name):
    return people[name]


def _report(people):
    return reported_note(people.group, people["author"], people["witness"], category="spam")


def _escalated(people):
    report = _report(people)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.ESCALATED, escalated_at=timezone.now())
    report.refresh_from_db()
    return report


def _removal(people):
    return removal_propose(actor=who(people, "host"), group=people.group, member=people["author"], reason="Spam")


def _warned(people):
    report = reported_note(people.group, people["muted"], people["member"], category="disrespect")
    return decided(report, people["moderator"], DecisionAction.WARN, "Parlez au « je »")


def _appeal(people):
    return appeal_file(actor=who(people, "muted"), decision=people["mute_decision"], reason="Malentendu")


def _hidden(people):
    note = note_by(people["author"], people.group)
    content_hide(actor=who(people, "moderator"), target=note, reason="Hors sujet")
    return note


# action: (prepare(people) -> thing, act(actor, thing, people), who may)
ACTIONS = {
    "report": (lambda p: note_by(p["author"], p.group),
               lambda actor, note, p: report_create(actor=actor, target=note, category="spam"), MEMBERS),
    "raise_worry": (lambda p: None, lambda actor, _, p: worry_raise(actor=actor, group=p.group), MEMBERS),
    "hide_content": (lambda p: note_by(p["author"], p.group),
                     lambda actor, note, p: content_hide(actor=actor, target=note, reason="Hors sujet"), {"moderator"}),
    "restore_content": (_hidden, lambda actor, note, p: content_restore(actor=actor, target=note, reason="Remis"),
                        {"moderator"}),
    "decide_report": (_report, lambda actor, report, p: report_decide(
        actor=actor, report=report, action=DecisionAction.DISMISS, reason="Rien à redire"), {"moderator"}),
    "staff_decide": (_escalated, lambda actor, report, p: staff_report_decide(
        actor=actor, report=report, action=DecisionAction.HIDE, reason="Publicité"), {"staff"}),
    "propose_removal": (lambda p: None, lambda actor, _, p: removal_propose(
        actor=actor, group=p.group, member=p["author"], reason="Spam"), HOLDERS),
    "confirm_removal": (_removal, lambda actor, proposal, p: removal_confirm(
        actor=actor, proposal=proposal, reason="Confirmé"), HOLDERS - {"host"}),
    "cancel_removal": (_removal, lambda actor, proposal, p: removal_cancel(
        actor=actor, proposal=proposal, reason="Malentendu"), HOLDERS),
    "file_appeal": (_warned, lambda actor, decision, p: appeal_file(
        actor=actor, decision=decision, reason="Je parlais de moi"), {"muted"}),
    "settle_appeal": (_appeal, lambda actor, appeal, p: appeal_settle(
        actor=actor, appeal=appeal, uphold=True, reason="Malentendu reconnu"), HOLDERS - {"moderator"}),
}


def stored(people):
    """Everything an action could change."""
    return (
        Report.objects.filter(status=ReportStatus.OPEN).count(), ReportDecision.objects.count(),
        Appeal.objects.filter(settled_at__isnull=False).count(), Appeal.objects.count(),
        RemovalProposal.objects.filter(cancelled=True).count(), RemovalProposal.objects.count(),
        GroupBan.objects.count(), GroupMute.objects.filter(lifted_at__isnull=True).count(),
        Membership.objects.count(), ModerationLogEntry.objects.count(), frozenset(HIDDEN),
    )


@contextmanager
def undone():
    """Run one attempt and roll it back, so every person meets the same state."""
    hidden = set(HIDDEN)
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    HIDDEN.clear()
    HIDDEN.update(hidden)


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_action_is_allowed_exactly_where_the_rules_say(cast, action):
    prepare, act, allowed = ACTIONS[action]
    thing = prepare(cast)
    before = stored(cast)
    outcomes = {}
    for actor in ACTORS:
        with undone():
            try:
                act(who(cast, actor), thing, cast)
            except DomainError as refused:
                outcomes[actor] = (refused.status, bool(refused.message), stored(cast) == before)
            else:
                outcomes[actor] = ("done", stored(cast) != before)
    assert outcomes == {actor: ("done", True) if actor in allowed else (403, True, True) for actor in ACTORS}


@pytest.mark.parametrize("actor", ACTORS)
def test_only_members_who_are_neither_muted_nor_removed_write(cast, actor):
    allowed = MEMBERS - {"muted"}
    assert permissions.can_write_in_group(read_standing(who(cast, actor), cast.group)) == (actor in allowed)


def test_a_muted_member_is_refused_with_the_single_message_of_mutes(cast):
    with pytest.raises(NotAllowed) as refused:
        permissions.check_write_in_group(read_standing(cast["muted"], cast.group))
    assert refused.value.message == permissions.MUTED


def test_a_mute_ends_by_itself(cast):
    muted = who(cast, "muted")
    assert read_standing(muted, cast.group).is_muted
    now = timezone.now()
    GroupMute.objects.filter(member=muted).update(created_at=now - timedelta(days=8), until=now - timedelta(minutes=1))
    standing = read_standing(muted, cast.group)
    assert not standing.is_muted
    assert permissions.can_write_in_group(standing)


PAGES = {
    "report_form": (lambda p: f"/groups/{p.group.slug}/report/member/{membership_of(p['author'], p.group).pk}/",
                    MEMBERS),
    "review_queue": (lambda p: f"/groups/{p.group.slug}/queue/", {"moderator"}),
    "my_decisions": (lambda p: f"/groups/{p.group.slug}/my-decisions/", MEMBERS | {"removed"}),
    "appeals": (lambda p: f"/groups/{p.group.slug}/appeals/", HOLDERS),
    "removals": (lambda p: f"/groups/{p.group.slug}/removals/", HOLDERS),
    "staff_queue": (lambda p: "/staff/queue/", {"staff"}),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_page_opens_exactly_for_those_the_rules_allow(client, cast, page):
    url, allowed = PAGES[page]
    address = url(cast)
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(cast[actor])
        response = client.get(address)
        expected = 200 if actor in allowed else 302 if actor == "anonymous" else 403
        assert (actor, response.status_code) == (actor, expected)
        if expected == 200:
            assert_valid_html(response)
