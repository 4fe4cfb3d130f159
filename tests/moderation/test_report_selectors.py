"""The review queue words each report in its reader's language: a description stored in the
reporter's language would tell the moderators who reported."""

import pytest
from django.utils import translation

from forums.services.posts import post_create
from moderation.models import Report
from moderation.selectors import review_queue
from moderation.services.reports import report_create, worry_raise
from tests.factories import UserFactory, join, make_group
from tests.forums.builders import a_thread

pytestmark = pytest.mark.django_db


def test_a_report_is_worded_in_the_moderators_language_whatever_the_reporters():
    group = make_group(name="Sommeil et douleur")
    author = join(group)
    thread = a_thread(group, group.created_by, title="Nuits difficiles")
    post = post_create(actor=author, thread=thread, body="Je ne dors plus.")
    with translation.override("en"):
        report_create(actor=join(group, UserFactory(preferred_language="en")), target=post, category="spam")
    report = Report.objects.get()
    assert (report.target_facts, report.legacy_description) == (
        {"post_id": post.pk, "number": 2, "thread_id": thread.pk, "title": "Nuits difficiles"}, "")
    with translation.override("fr"):
        [item] = review_queue(group)
        assert item["description"] == "Message n° 2 du sujet « Nuits difficiles »"
    with translation.override("it"):
        [item] = review_queue(group)
        assert item["description"] == "Messaggio n. 2 della discussione «Nuits difficiles»"


def test_a_request_for_news_is_worded_for_the_moderator_who_reads_it():
    group = make_group(name="Sommeil et douleur")
    member = join(group, UserFactory(pseudonym="Alex", preferred_language="en"))
    with translation.override("en"):
        worry_raise(actor=member, group=group)
    with translation.override("fr"):
        [item] = review_queue(group)
        assert item["description"] == "Alex aimerait qu'un·e pair aidant·e prenne de ses nouvelles"
