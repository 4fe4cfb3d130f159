"""The newsletter leaves with the task worker: last month's issue, once, in each subscriber's
language, worded from the stories as they are when the mail leaves."""

from datetime import date, timedelta
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from centres.models import NewsletterDelivery, NewsletterIssue
from centres.services import newsletter as services
from centres.services.newsletter import (
    newsletter_issue_build, newsletter_subscribe, subscription_to_end, unsubscribe_token,
)
from centres.tasks import send_newsletter
from entraide import registry
from forums.services.stories import story_withdraw

from .newsletter_builders import DECEMBER_FIRST, NOVEMBER, approved_story, subscriber

pytestmark = pytest.mark.django_db


def send_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return send_newsletter.call()


def test_the_clock_hands_the_newsletter_to_the_worker_every_hour():
    periodic = registry.periodic_tasks.get("centres_newsletter")
    assert periodic.task is send_newsletter and periodic.every == timedelta(hours=1)


def test_at_the_start_of_a_month_last_months_issue_is_built_and_mailed_to_confirmed_subscribers(mailoutbox):
    approved_story(title="Un an après")
    lea = subscriber("lea@example.org")
    newsletter_subscribe(actor=AnonymousUser(), email="waiting@example.org", language="fr")
    mailoutbox.clear()

    assert send_at(DECEMBER_FIRST) == 1

    issue = NewsletterIssue.objects.get()
    assert issue.month == date(2026, 11, 1) and issue.sent_at is not None
    mail = mailoutbox[0]
    assert mail.to == ["lea@example.org"]
    assert "novembre 2026" in mail.subject
    assert "Un an après" in mail.body and "/stories/" in mail.body
    unsubscribe = mail.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1:8000/newsletter/unsubscribe/")
    assert subscription_to_end(unsubscribe.rstrip("/").rpartition("/")[2]) == lea
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and "Un an après" in html and unsubscribe in html


def test_a_mail_never_carries_the_text_of_a_story_only_its_title_and_link(mailoutbox):
    approved_story(title="Mon histoire", body="Des détails très personnels sur ma santé.")
    subscriber()
    mailoutbox.clear()
    send_at(DECEMBER_FIRST)
    assert "Mon histoire" in mailoutbox[0].body
    assert "très personnels" not in mailoutbox[0].body
    assert "très personnels" not in mailoutbox[0].alternatives[0][0]


def test_each_subscriber_reads_it_in_their_language(mailoutbox):
    approved_story(title="Ce qui m'a aidé")
    subscriber("hans@example.org", language="de")
    subscriber("lucia@example.org", language="it")
    mailoutbox.clear()

    send_at(DECEMBER_FIRST)

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert "November 2026" in by_address["hans@example.org"].subject
    assert "Erfahrungsberichte" in by_address["hans@example.org"].body
    assert "Novembre 2026" in by_address["lucia@example.org"].subject
    assert "Testimonianze" in by_address["lucia@example.org"].body
    assert "Annullare l'iscrizione con un clic" in by_address["lucia@example.org"].body
    assert "Mit einem Klick abbestellen" in by_address["hans@example.org"].body


def test_the_issue_is_sent_once_however_often_the_clock_runs(mailoutbox):
    approved_story()
    subscriber()
    mailoutbox.clear()

    assert send_at(DECEMBER_FIRST) == 1
    assert send_at(DECEMBER_FIRST + timedelta(hours=1)) == 0
    assert send_at(DECEMBER_FIRST + timedelta(days=10)) == 0
    assert len(mailoutbox) == 1


def test_a_crash_half_way_resumes_with_those_not_reached_and_mails_nobody_twice(mailoutbox):
    approved_story()
    for name in ("anna", "bruno", "carla"):
        subscriber(f"{name}@example.org")
    mailoutbox.clear()

    real = services.send_list_mail
    calls = []

    def fails_on_the_second(**kwargs):
        calls.append(kwargs["to"])
        if len(calls) == 2:
            raise ConnectionError("SMTP went away")
        return real(**kwargs)

    with mock.patch.object(services, "send_list_mail", side_effect=fails_on_the_second):
        with pytest.raises(ConnectionError):
            send_at(DECEMBER_FIRST)
    assert NewsletterIssue.objects.get().sent_at is None
    assert NewsletterDelivery.objects.count() == 1

    assert send_at(DECEMBER_FIRST + timedelta(hours=1)) == 2

    assert sorted(mail.to[0] for mail in mailoutbox) == ["anna@example.org", "bruno@example.org", "carla@example.org"]
    assert NewsletterIssue.objects.get().sent_at is not None


def test_a_story_withdrawn_after_the_issue_was_built_is_in_no_mail_sent_afterwards(mailoutbox):
    approved_story(title="Reste là")
    withdrawn = approved_story(title="Je le retire")
    subscriber()
    mailoutbox.clear()
    with time_machine.travel(DECEMBER_FIRST - timedelta(minutes=5), tick=False):
        newsletter_issue_build(month=date(2026, 11, 1))
    story_withdraw(actor=withdrawn.author, story=withdrawn)

    send_at(DECEMBER_FIRST)

    assert "Reste là" in mailoutbox[0].body
    assert "Je le retire" not in mailoutbox[0].body


def test_a_month_with_nothing_to_tell_is_shown_on_the_site_but_mails_nobody(mailoutbox):
    subscriber()
    mailoutbox.clear()

    assert send_at(DECEMBER_FIRST) == 0

    assert mailoutbox == [] and NewsletterIssue.objects.get().sent_at is not None


def test_a_subscriber_who_left_before_the_issue_leaves_is_not_mailed(mailoutbox):
    approved_story()
    lea = subscriber()
    services.newsletter_unsubscribe(token=unsubscribe_token(lea))
    mailoutbox.clear()

    assert send_at(DECEMBER_FIRST) == 0


def test_in_january_the_issue_of_december_of_the_year_before_leaves():
    approved_story(when=NOVEMBER.replace(month=12))
    subscriber()
    send_at(NOVEMBER.replace(year=2027, month=1, day=1, hour=1))
    assert NewsletterIssue.objects.get().month == date(2026, 12, 1)


def test_nothing_is_built_before_the_month_has_ended():
    approved_story()
    send_at(NOVEMBER + timedelta(days=2))
    assert not NewsletterIssue.objects.filter(month=date(2026, 11, 1)).exists()
