"""On PostgreSQL, with real transactions: two requests or two workers at the same moment."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import connection

from centres.models import NewsletterDelivery, NewsletterSubscription
from centres.services.newsletter import newsletter_issue_build, newsletter_issue_send, newsletter_subscribe

from .newsletter_builders import NOVEMBER, approved_story, subscriber

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def at_once(work, count=2):
    start, errors = threading.Barrier(count), []

    def run(index):
        try:
            start.wait(timeout=30)
            work(index)
        except Exception as error:  # noqa: BLE001 - reported below, with the thread's error
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_the_same_address_subscribed_twice_at_once_gives_one_subscription_and_no_error():
    at_once(lambda index: newsletter_subscribe(actor=AnonymousUser(), email="lea@example.org",
                                               language=["fr", "de"][index]))
    assert NewsletterSubscription.objects.count() == 1


def test_two_workers_sending_one_issue_at_once_mail_each_subscriber_once():
    approved_story()
    for index in range(6):
        subscriber(f"reader{index}@example.org")
    issue = newsletter_issue_build(month=NOVEMBER.date())
    mail.outbox.clear()

    at_once(lambda index: newsletter_issue_send(issue=issue))

    expected = sorted(f"reader{index}@example.org" for index in range(6))
    assert sorted(message.to[0] for message in mail.outbox) == expected
    assert NewsletterDelivery.objects.count() == 6
