import pytest
from django.contrib.auth.models import AnonymousUser

from entraide.errors import Conflict, DomainError, NotAllowed
from moderation import reportables
from moderation.models import LogAction, ModerationLogEntry, Report, ReportCategory, ReportStatus
from moderation.services.reports import report_create, worry_raise
from tests.factories import UserFactory, join, make_group

from .report_builders import membership_of, note_by, notes, reported_note  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_member_reports_a_post_of_another_member(notes):
    group = make_group()
    author, reporter = join(group), join(group)
    report = reported_note(group, author, reporter, category=ReportCategory.HARASSMENT, note="Des messages répétés")
    assert report.status == ReportStatus.OPEN
    assert report.target_kind == "note"
    assert report.target_author == author
    assert report.target_description == f"Message de {author.display_name}"
    assert report.note == "Des messages répétés"


def test_a_member_reports_another_member():
    group = make_group()
    reported, reporter = join(group), join(group)
    report = report_create(actor=reporter, target=membership_of(reported, group), category=ReportCategory.DISRESPECT)
    assert report.target_kind == "member"
    assert report.target_author == reported


def test_reporting_oneself_is_refused_with_a_clear_message():
    group = make_group()
    member = join(group)
    with pytest.raises(DomainError, match="vous ne pouvez pas vous signaler vous-même"):
        report_create(actor=member, target=membership_of(member, group), category=ReportCategory.OTHER)
    assert not Report.objects.exists()


def test_reporting_ones_own_post_is_refused(notes):
    group = make_group()
    member = join(group)
    with pytest.raises(DomainError, match="vous signaler vous-même"):
        reported_note(group, member, member)
    assert not Report.objects.exists()


def test_reporting_the_same_thing_twice_is_a_conflict(notes):
    group = make_group()
    author, reporter = join(group), join(group)
    reported_note(group, author, reporter)
    with pytest.raises(Conflict, match="déjà signalé"):
        reported_note(group, author, reporter, category=ReportCategory.SPAM)
    assert Report.objects.count() == 1


def test_two_members_may_report_the_same_thing(notes):
    group = make_group()
    author = join(group)
    reported_note(group, author, join(group))
    reported_note(group, author, join(group))
    assert Report.objects.filter(status=ReportStatus.OPEN).count() == 2


@pytest.mark.parametrize("category", ["", "worry", "insult", None])
def test_an_unknown_category_is_refused(notes, category):
    group = make_group()
    author, reporter = join(group), join(group)
    with pytest.raises(DomainError, match="Choisissez ce qui vous inquiète"):
        report_create(actor=reporter, target=note_by(author, group), category=category)
    assert not Report.objects.exists()


def test_a_note_longer_than_allowed_is_refused(notes):
    group = make_group()
    author, reporter = join(group), join(group)
    with pytest.raises(DomainError, match="note ne peut pas dépasser"):
        reported_note(group, author, reporter, note="x" * 2001)


@pytest.mark.parametrize("who", ["outsider", "staff", "anonymous"])
def test_only_members_of_the_group_report(notes, who):
    group = make_group()
    author = join(group)
    actor = {"outsider": UserFactory(), "staff": UserFactory(is_staff=True), "anonymous": AnonymousUser()}[who]
    with pytest.raises(NotAllowed):
        report_create(actor=actor, target=note_by(author, group), category=ReportCategory.SPAM)
    assert not Report.objects.exists()


def test_content_of_another_group_is_reported_only_by_that_groups_members(notes):
    group, other = make_group(), make_group(name="Autre groupe")
    author, outsider = join(other), join(group)
    with pytest.raises(NotAllowed):
        reported_note(other, author, outsider)


def test_something_nobody_registered_cannot_be_reported():
    group = make_group()
    with pytest.raises(DomainError, match="ne peut pas être signalé"):
        report_create(actor=join(group), target=UserFactory(), category=ReportCategory.SPAM)


def test_a_report_about_the_group_itself_goes_straight_to_staff_and_the_log_keeps_the_reporter_out():
    group = make_group()
    reporter = join(group)
    report = report_create(actor=reporter, target=group, category=ReportCategory.HARASSMENT)
    assert report.status == ReportStatus.ESCALATED
    assert report.escalated_at is not None
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.ESCALATED)
    shown = f"{entry.actor_display} {entry.target_display} {entry.target_facts} {entry.reason_display}"
    assert reporter.pseudonym not in shown


def test_a_worry_is_a_queue_item_about_the_member_themself():
    group = make_group()
    member = join(group)
    report = worry_raise(actor=member, group=group, note="Je ne vais pas bien ce soir")
    assert report.category == ReportCategory.WORRY
    assert report.target_author == member
    assert report.reporter == member
    assert member.display_name in report.target_description


def test_raising_a_worry_twice_keeps_the_first_request():
    group = make_group()
    member = join(group)
    first = worry_raise(actor=member, group=group)
    assert worry_raise(actor=member, group=group) == first
    assert Report.objects.count() == 1


def test_only_members_raise_a_worry():
    group = make_group()
    with pytest.raises(NotAllowed):
        worry_raise(actor=UserFactory(), group=group)


def test_the_registry_finds_kinds_and_objects(notes):
    group = make_group()
    member = join(group)
    assert reportables.for_kind("member").model.__name__ == "Membership"
    assert reportables.for_object(group).kind == "group"
    assert reportables.for_object(note_by(member, group)).kind == "note"
    assert reportables.for_object(membership_of(member, group)).kind == "member"
    with pytest.raises(KeyError):
        reportables.for_kind("nothing")
    with pytest.raises(KeyError):
        reportables.for_object(member)
    assert reportables.resolve("nothing", 1) is None
    assert reportables.resolve("member", "abc") is None


def test_reporting_many_things_in_a_minute_is_slowed_down():
    group = make_group()
    reporter = join(group)
    others = [join(group) for _ in range(3)]
    for other in others[:2]:
        report_create(actor=reporter, target=membership_of(other, group), category="spam")
    with pytest.raises(DomainError) as slowed:
        report_create(actor=reporter, target=membership_of(others[2], group), category="spam")
    assert slowed.value.status == 429
    assert Report.objects.filter(reporter=reporter).count() == 2
