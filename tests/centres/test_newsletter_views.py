"""The newsletter's pages: the archive and its form, an issue in the reader's language, and the
confirm and unsubscribe links, with bad input answered by a message, never a 500."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from centres.models import NewsletterSubscription
from centres.services.newsletter import (
    confirm_token, newsletter_issue_build, newsletter_subscribe, unsubscribe_token,
)
from forums.services.stories import story_withdraw
from tests.conftest import assert_valid_html
from tests.factories import UserFactory

from .newsletter_builders import approved_story, subscriber

pytestmark = pytest.mark.django_db
NEUTRAL = "Si cette adresse n&#x27;est pas encore abonnée"


def subscribe(client, email="lea@example.org", language="fr"):
    return client.post("/newsletter/", {"email": email, "language": language}, follow=True)


def test_the_archive_offers_the_form_to_visitors_in_their_language(client):
    response = client.get("/newsletter/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "Den Newsletter per E-Mail erhalten" in page
    assert '<option value="de" selected>' in page


def test_a_visitor_subscribes_and_is_told_to_confirm_by_mail(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, language="it")

    assert NEUTRAL in response.content.decode()
    subscription = NewsletterSubscription.objects.get()
    assert subscription.language == "it" and not subscription.is_confirmed
    assert mailoutbox[0].subject == "Confermi la sua iscrizione alla newsletter di Entraide"
    assert "/newsletter/confirm/" in mailoutbox[0].body


def test_a_second_subscription_of_the_same_address_gets_the_same_answer_and_changes_nothing(client):
    subscriber("lea@example.org")
    first_answer = subscribe(client, "other@example.org").content.decode()
    second_answer = subscribe(client, "LEA@example.org", language="de").content.decode()

    assert NEUTRAL in first_answer and NEUTRAL in second_answer
    assert NewsletterSubscription.objects.get(email="lea@example.org").language == "fr"
    assert NewsletterSubscription.objects.count() == 2


@pytest.mark.parametrize("data, message", [
    ({"email": "", "language": "fr"}, "Indiquez votre adresse e-mail."),
    ({"email": "lea@", "language": "fr"}, "ne semble pas complète"),
    ({"email": "a" * 300 + "@example.org", "language": "fr"}, "trop longue"),
    ({"email": "lea@example.org", "language": "xx"}, "Choisissez une des langues"),
])
def test_bad_input_is_answered_with_a_message_and_the_address_kept_in_the_form(client, data, message):
    response = client.post("/newsletter/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert_valid_html(response)
    assert not NewsletterSubscription.objects.exists()
    if data["email"] and len(data["email"]) < 254:
        assert f'value="{data["email"]}"' in response.content.decode()


def test_a_member_subscribes_in_one_click_with_their_verified_address(client, mailoutbox):
    member = UserFactory(preferred_language="de")
    client.force_login(member)

    response = client.post("/newsletter/subscribe-me/", follow=True)

    assert "Sie erhalten den Newsletter jeden Monat" in response.content.decode()
    subscription = NewsletterSubscription.objects.get()
    assert (subscription.member, subscription.language, subscription.is_confirmed) == (member, "de", True)
    assert mailoutbox == []
    page = client.get("/newsletter/").content.decode()
    assert "Sie sind angemeldet" in page


def test_the_one_click_subscription_is_for_members_and_only_by_post(client):
    assert client.post("/newsletter/subscribe-me/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/newsletter/subscribe-me/").status_code == 405
    assert not NewsletterSubscription.objects.exists()


def test_the_confirmation_link_asks_for_a_click_and_confirms_only_on_post(client):
    subscription = newsletter_subscribe(actor=AnonymousUser(), email="lea@example.org", language="fr")
    url = f"/newsletter/confirm/{confirm_token(subscription)}/"

    response = client.get(url)
    assert response.status_code == 200 and "Confirmer mon abonnement" in response.content.decode()
    assert_valid_html(response)
    subscription.refresh_from_db()
    assert not subscription.is_confirmed

    assert "C'est fait" in client.post(url).content.decode()
    assert "C'est fait" in client.post(url).content.decode()
    subscription.refresh_from_db()
    assert subscription.is_confirmed


@pytest.mark.parametrize("token", ["no-such-token", "x" * 3000, "99999999999999999999"])
def test_a_wrong_or_forged_link_is_answered_with_a_message(client, token):
    for route in ("confirm", "unsubscribe"):
        for method in (client.get, client.post):
            response = method(f"/newsletter/{route}/{token}/")
            assert response.status_code == 400
            assert "pas valide" in response.content.decode()


def test_unsubscribing_takes_one_post_without_sign_in_or_csrf_token_and_get_only_asks(client):
    from django.test import Client

    lea = subscriber()
    url = f"/newsletter/unsubscribe/{unsubscribe_token(lea)}/"
    strict = Client(enforce_csrf_checks=True)

    assert "Me désabonner" in strict.get(url).content.decode()
    assert NewsletterSubscription.objects.exists()
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "effacée" in response.content.decode()
    assert not NewsletterSubscription.objects.exists()
    assert strict.post(url).status_code == 200


def test_an_issue_is_read_in_the_readers_language_without_the_stories_withdrawn_since(
        client, django_assert_num_queries):
    approved_story(title="Reste là")
    withdrawn = approved_story(title="Je le retire")
    newsletter_issue_build(month=date(2026, 11, 1))
    story_withdraw(actor=withdrawn.author, story=withdrawn)

    with django_assert_num_queries(3):
        response = client.get("/newsletter/2026-11/", HTTP_ACCEPT_LANGUAGE="it")

    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "Newsletter di Novembre 2026" in page
    assert "Reste là" in page and "Je le retire" not in page
    assert client.get("/newsletter/").content.decode().count('href="/newsletter/2026-11/"') == 1


@pytest.mark.parametrize("path", ["/newsletter/2026-12/", "/newsletter/2026-13/", "/newsletter/0000-01/",
                                  "/newsletter/99999999999999999999-01/"])
def test_a_month_without_an_issue_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_an_issue_page_answers_post_with_405(client):
    newsletter_issue_build(month=date(2026, 11, 1))
    assert client.post("/newsletter/2026-11/").status_code == 405


def test_the_archive_asks_the_database_the_same_whatever_the_number_of_issues(client, django_assert_num_queries):
    for month in (9, 10, 11):
        newsletter_issue_build(month=date(2026, month, 1))
    with django_assert_num_queries(1):
        page = client.get("/newsletter/").content.decode()
    assert page.index("/newsletter/2026-11/") < page.index("/newsletter/2026-09/")
