"""The migration that turns stored sentences into facts: rows written before it, in any of the
four languages, read in the reader's language afterwards, and what it cannot recover stays
readable as it was."""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from forums.models import Post
from forums.services.posts import post_create
from moderation.models import DecisionAction, LogAction, LogReason, ModerationLogEntry, Report, ReportDecision
from tests.factories import join, make_group
from tests.forums.builders import a_thread

pytestmark = pytest.mark.django_db

migration = importlib.import_module("moderation.migrations.0006_subjects_as_facts")


@pytest.fixture
def scene():
    group = make_group(name="Sommeil et douleur")
    author = join(group)
    thread = a_thread(group, group.created_by, title="Nuits difficiles")
    post = post_create(actor=author, thread=thread, body="Je ne dors plus.")
    return group, author, post


def old_report(group, post, description, *, object_id=None, kind="post", category="spam", **fields):
    return Report.objects.create(
        group=group, target_type=ContentType.objects.get_for_model(Post), target_object_id=object_id or post.pk,
        target_kind=kind, legacy_description=description, category=category, **fields)


def old_entry(group, action, target="", reason="", actor_name="Camille") -> ModerationLogEntry:
    return ModerationLogEntry.objects.create(group=group, actor_name=actor_name, action=action, target=target,
                                             reason=reason)


def migrate():
    migration.facts_from_sentences(apps, None)


def test_a_report_whose_post_still_exists_reads_its_facts_again(scene):
    group, _author, post = scene
    report = old_report(group, post, "Message no. 2 in the topic “Nuits difficiles”")
    migrate()
    report.refresh_from_db()
    assert (report.target_facts, report.legacy_description) == (
        {"post_id": post.pk, "number": 2, "thread_id": post.thread_id, "title": "Nuits difficiles"}, "")
    with translation.override("fr"):
        assert report.target_description == "Message n° 2 du sujet « Nuits difficiles »"


def test_a_decision_about_a_post_that_is_gone_is_parsed_from_its_sentence_in_any_language(scene):
    group, _author, post = scene
    decision = ReportDecision.objects.create(
        group=group, target_type=ContentType.objects.get_for_model(Post), target_object_id=10**9,
        target_kind="post", legacy_description="Beitrag Nr. 7 im Thema «Schlaflos»", action=DecisionAction.DISMISS,
        reason="Rien à redire")
    migrate()
    decision.refresh_from_db()
    assert (decision.target_facts, decision.legacy_description) == ({"number": 7, "title": "Schlaflos"}, "")
    with translation.override("en"):
        assert decision.target_description == "Message no. 7 in the topic “Schlaflos”"


def test_a_request_for_news_is_parsed_and_what_cannot_be_read_stays_as_it_was(scene):
    group, _author, post = scene
    worry = old_report(group, post, "Alex would like a peer supporter to check in on them", object_id=10**9,
                       kind="member", category="worry")
    unknown = old_report(group, post, "Chat-Nachricht von gestern", object_id=10**9, kind="chat_message")
    migrate()
    worry.refresh_from_db()
    unknown.refresh_from_db()
    assert worry.target_facts == {"name": "Alex"}
    with translation.override("fr"):
        assert worry.target_description == "Alex aimerait qu'un·e pair aidant·e prenne de ses nouvelles"
    assert (unknown.target_facts, unknown.target_description) == ({}, "Chat-Nachricht von gestern")


def test_log_entries_become_facts_and_codes(scene):
    group = scene[0]
    hidden = old_entry(group, LogAction.CONTENT_HIDDEN, "Messaggio n. 3 della discussione «Nuits difficiles»")
    escalated = old_entry(group, LogAction.ESCALATED, "The group “Sommeil et douleur”",
                          "A report about the group itself is passed on to the platform team.")
    staff = old_entry(group, LogAction.STAFF_ACTION, "Member: Alex", "Hide the content : Publicité")
    slow = old_entry(group, LogAction.SLOW_MODE_SET, "Nuits difficiles · one message every 5 minutes")
    story = old_entry(group, LogAction.STORY_DECLINED, "Erfahrungsbericht «Ce qui m'a aidé»", "Trop personnel")
    former = old_entry(group, LogAction.ROLE_TAKEN, "ex membro", actor_name="former member")
    locked = old_entry(group, LogAction.THREAD_LOCKED, "Nuits difficiles")
    unread = old_entry(group, LogAction.CONTENT_HIDDEN, "Chat-Nachricht von gestern")
    migrate()
    for row in (hidden, escalated, staff, slow, story, former, locked, unread):
        row.refresh_from_db()
    assert (hidden.target_kind, hidden.target_facts, hidden.target) == (
        "post", {"number": 3, "title": "Nuits difficiles"}, "")
    assert (escalated.target_facts, escalated.reason_code, escalated.reason) == (
        {"name": "Sommeil et douleur"}, LogReason.ESCALATED_ABOUT_GROUP, "")
    assert (staff.target_kind, staff.reason_code, staff.reason) == ("member", LogReason.STAFF_HIDE, "Publicité")
    assert slow.target_facts == {"title": "Nuits difficiles", "seconds": 300}
    assert (former.actor_name, former.target_kind, former.target_facts) == ("", "person", {"name": ""})
    with translation.override("fr"):
        assert hidden.target_display == "Message n° 3 du sujet « Nuits difficiles »"
        assert staff.target_display == "Membre : Alex"
        assert staff.reason_display == "Masquer le contenu : Publicité"
        assert slow.target_display == "Nuits difficiles · un message toutes les 5 minutes"
        assert (story.target_display, story.reason) == ("Témoignage « Ce qui m'a aidé »", "Trop personnel")
        assert (former.actor_display, former.target_display) == ("ancien membre", "ancien membre")
        assert (locked.target_kind, locked.target_display) == ("", "Nuits difficiles")
        assert (unread.target_kind, unread.target_display) == ("", "Chat-Nachricht von gestern")


def test_going_back_writes_the_french_sentences_again(scene):
    group, _author, post = scene
    report = old_report(group, post, "Message no. 2 in the topic “Nuits difficiles”")
    staff = old_entry(group, LogAction.STAFF_ACTION, "Member: Alex", "Hide the content : Publicité")
    migrate()
    migration.sentences_from_facts(apps, None)
    report.refresh_from_db()
    staff.refresh_from_db()
    assert report.legacy_description == "Message n° 2 du sujet « Nuits difficiles »"
    assert (staff.target, staff.reason) == ("Membre : Alex", "Masquer le contenu : Publicité")
