"""The newsletter through its services: double opt-in, neutral answers, links, issues."""

from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from centres.models import NewsletterIssue, NewsletterSubscription
from centres.services import newsletter as services
from centres.services.newsletter import (
    confirm_token, newsletter_confirm, newsletter_issue_build, newsletter_member_subscribe,
    newsletter_subscribe, newsletter_unsubscribe, unsubscribe_token,
)
from entraide.errors import DomainError
from entraide.models import Visibility
from forums.services.stories import story_offer, story_withdraw
from tests.factories import UserFactory, make_group
from tests.forums.builders import forum

from .newsletter_builders import NOVEMBER, approved_story, subscriber

pytestmark = pytest.mark.django_db
visitor = AnonymousUser()


def test_a_visitor_without_an_account_is_sent_a_link_and_receives_nothing_before_confirming(
        mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscription = newsletter_subscribe(actor=visitor, email="Lea@Example.ORG", language="fr")

    assert subscription.email == "Lea@example.org" and subscription.confirmed_at is None
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["Lea@example.org"]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/newsletter/confirm/" in line)
    assert link.startswith("http://127.0.0.1:8000/newsletter/confirm/")
    newsletter_confirm(token=link.rstrip("/").rpartition("/")[2])
    subscription.refresh_from_db()
    assert subscription.is_confirmed


def test_confirming_twice_is_confirming_once():
    subscription = subscriber()
    first = subscription.confirmed_at
    newsletter_confirm(token=confirm_token(subscription))
    subscription.refresh_from_db()
    assert subscription.confirmed_at == first


def test_subscribing_an_address_twice_keeps_one_subscription_and_says_nothing_about_it(
        mailoutbox, django_capture_on_commit_callbacks):
    subscriber("lea@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        again = newsletter_subscribe(actor=visitor, email="LEA@example.org", language="de")

    assert again is None
    assert NewsletterSubscription.objects.get().language == "fr"
    assert mailoutbox == []


def test_a_waiting_address_gets_its_link_again_but_not_more_than_every_ten_minutes(
        mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_subscribe(actor=visitor, email="lea@example.org", language="fr", now=NOVEMBER)
        newsletter_subscribe(actor=visitor, email="lea@example.org", language="fr", now=NOVEMBER + timedelta(minutes=1))
        newsletter_subscribe(actor=visitor, email="lea@example.org", language="fr",
                             now=NOVEMBER + timedelta(minutes=11))

    assert len(mailoutbox) == 2
    assert NewsletterSubscription.objects.count() == 1


@pytest.mark.parametrize("email, message", [
    ("", "Indiquez"),
    ("pas-une-adresse", "pas complète"),
    ("a" * 250 + "@example.org", "limite"),
])
def test_an_empty_wrong_or_overlong_address_is_refused_with_a_message(email, message):
    with pytest.raises(DomainError, match=message):
        newsletter_subscribe(actor=visitor, email=email, language="fr")
    assert not NewsletterSubscription.objects.exists()


def test_an_unknown_language_falls_back_to_french():
    subscription = newsletter_subscribe(actor=visitor, email="lea@example.org", language="klingon")
    assert subscription.language == "fr"


def test_a_member_subscribes_their_verified_address_in_one_click_without_a_link(
        mailoutbox, django_capture_on_commit_callbacks):
    member = UserFactory(preferred_language="it")
    with django_capture_on_commit_callbacks(execute=True):
        subscription = newsletter_member_subscribe(actor=member, language="it")

    assert subscription.is_confirmed and subscription.member == member and subscription.language == "it"
    assert mailoutbox == []


def test_a_member_whose_address_is_not_verified_still_confirms_it_by_mail(
        mailoutbox, django_capture_on_commit_callbacks):
    member = UserFactory(verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        subscription = newsletter_member_subscribe(actor=member, language="fr")

    assert not subscription.is_confirmed and len(mailoutbox) == 1


def test_an_expired_confirmation_link_is_refused_and_says_to_subscribe_again():
    with time_machine.travel(NOVEMBER, tick=False):
        subscription = newsletter_subscribe(actor=visitor, email="lea@example.org", language="fr")
        token = confirm_token(subscription)
    with time_machine.travel(NOVEMBER + timedelta(days=7, minutes=1), tick=False):
        with pytest.raises(DomainError, match="expiré") as raised:
            newsletter_confirm(token=token)
    assert raised.value.status == 410
    assert not NewsletterSubscription.objects.get().is_confirmed


def test_a_confirmation_link_still_works_on_its_seventh_day():
    with time_machine.travel(NOVEMBER, tick=False):
        subscription = newsletter_subscribe(actor=visitor, email="lea@example.org", language="fr")
        token = confirm_token(subscription)
    with time_machine.travel(NOVEMBER + timedelta(days=6, hours=23), tick=False):
        assert newsletter_confirm(token=token).is_confirmed


@pytest.mark.parametrize("token", ["", "no-such-token", "x" * 5000, "1:abc:def"])
def test_a_wrong_or_forged_link_is_refused_with_a_message(token):
    subscription = newsletter_subscribe(actor=visitor, email="lea@example.org", language="fr")
    with pytest.raises(DomainError, match="pas valide"):
        newsletter_confirm(token=token)
    with pytest.raises(DomainError, match="pas valide"):
        newsletter_unsubscribe(token=token)
    assert NewsletterSubscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).exists()


def test_an_unsubscribe_link_does_not_confirm_and_a_confirm_link_does_not_unsubscribe():
    subscription = newsletter_subscribe(actor=visitor, email="lea@example.org", language="fr")
    with pytest.raises(DomainError):
        newsletter_confirm(token=unsubscribe_token(subscription))
    with pytest.raises(DomainError):
        newsletter_unsubscribe(token=confirm_token(subscription))
    assert NewsletterSubscription.objects.exists()


def test_unsubscribing_deletes_the_address_and_a_second_click_is_answered_the_same():
    subscription = subscriber()
    token = unsubscribe_token(subscription)
    newsletter_unsubscribe(token=token)
    newsletter_unsubscribe(token=token)
    assert not NewsletterSubscription.objects.exists()


def test_links_of_a_former_subscription_do_not_work_for_a_new_one_of_the_same_address():
    old = subscriber()
    old_confirm = confirm_token(old)
    newsletter_unsubscribe(token=unsubscribe_token(old))
    newsletter_subscribe(actor=visitor, email="lea@example.org", language="fr")
    with pytest.raises(DomainError, match="pas valide"):
        newsletter_confirm(token=old_confirm)


def test_an_issue_keeps_the_months_approved_stories_and_new_listed_groups():
    story = approved_story(when=NOVEMBER)
    approved_story(title="Un autre mois", when=NOVEMBER + timedelta(days=30))
    group, _moderator, member = forum()
    story_offer(actor=member, group=group, title="En attente", body="Pas encore relu.", signature="pseudonym",
                consent=True, now=NOVEMBER)

    issue = newsletter_issue_build(month=date(2026, 11, 1), now=NOVEMBER + timedelta(days=20))

    assert list(issue.stories.all()) == [story]
    assert issue.month == date(2026, 11, 1)
    assert newsletter_issue_build(month=date(2026, 11, 20)) == issue
    assert NewsletterIssue.objects.count() == 1


def test_an_issue_names_listed_groups_created_that_month_and_not_unlisted_ones():
    from entraide.models import Group

    listed, unlisted = make_group(name="Listé"), make_group(name="Caché", visibility=Visibility.UNLISTED)
    Group.objects.filter(pk__in=[listed.pk, unlisted.pk]).update(created_at=NOVEMBER)

    issue = newsletter_issue_build(month=date(2026, 11, 1))

    assert list(issue.groups.all()) == [listed]


def test_a_story_withdrawn_after_the_issue_was_built_leaves_it_but_the_issue_keeps_the_others():
    from centres.selectors.newsletter import issue_contents

    kept, withdrawn = approved_story(title="Reste"), approved_story(title="Retiré")
    issue = newsletter_issue_build(month=date(2026, 11, 1))
    story_withdraw(actor=withdrawn.author, story=withdrawn)

    assert [story.title for story in issue_contents(issue)["stories"]] == ["Reste"]
    assert kept in issue.stories.all()


def test_a_deleted_account_takes_its_subscriptions_with_it_and_the_export_shows_them():
    from entraide import registry

    member = UserFactory()
    newsletter_member_subscribe(actor=member, language="de")
    newsletter_subscribe(actor=visitor, email="other@example.org", language="fr")

    exported = registry.export_sections.get("newsletter_subscription")(member)
    assert [(row["email"], row["language"]) for row in exported] == [(member.email, "de")]
    assert exported[0]["confirmed_at"] is not None
    registry.account_cleanups.get("newsletter_subscription")(member)
    assert list(NewsletterSubscription.objects.values_list("email", flat=True)) == ["other@example.org"]


def test_a_visitors_subscription_of_a_members_address_goes_with_that_members_account():
    member = UserFactory()
    newsletter_subscribe(actor=visitor, email=member.email.upper(), language="fr")
    services.newsletter_forget(member)
    assert not NewsletterSubscription.objects.exists()
