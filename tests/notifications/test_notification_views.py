import re

import pytest
from django.conf import settings
from django.core import mail
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from notifications.models import EmailFrequency, Notification, NotificationPreference
from notifications.selectors import email_frequencies
from tests.conftest import assert_valid_html
from tests.factories import UserFactory

from .builders import group_of, mails_for_everything, new_thread, reply

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlimited_posting")]

# With Redis the session is read from the cache (cached_db), not from the database.
SESSION_QUERIES = 0 if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db" else 1


@pytest.fixture
def pair():
    anna, bruno = UserFactory(pseudonym="Anna"), UserFactory(pseudonym="Bruno")
    return group_of(anna, bruno), anna, bruno


def page(response) -> str:
    assert_valid_html(response)
    return response.content.decode()


def replies_to_anna(capture, group, anna, bruno, count=1, title="Tenir bon"):
    thread = new_thread(capture, group, anna, title=title)
    return thread, [reply(capture, thread, bruno, f"Réponse {index}") for index in range(count)]


def test_the_list_shows_notifications_with_the_unread_count_in_the_header(pair, client, django_capture_on_commit_callbacks):
    group, anna, bruno = pair
    replies_to_anna(django_capture_on_commit_callbacks, group, anna, bruno, count=2)
    client.force_login(anna)
    html = page(client.get(reverse("notification_list")))
    assert html.count(">Bruno a répondu à votre message dans « Tenir bon ».</a>") == 2
    assert html.count(f"Réponse à votre message · {group.name}") == 2
    assert '<span class="badge badge-notice">2<span class="visually-hidden"> non lues</span></span>' in html


def test_the_header_unread_count_costs_one_small_query_once_per_request(
        pair, rf, django_capture_on_commit_callbacks, django_assert_num_queries):
    group, anna, bruno = pair
    replies_to_anna(django_capture_on_commit_callbacks, group, anna, bruno, count=3)
    request = rf.get("/")
    request.user = anna
    template = Template("{% load header %}{% header_items %}{% header_items %}")
    with django_assert_num_queries(1) as captured:
        html = template.render(Context({"user": anna, "request": request}))
    assert html.count(">3<") == 2
    assert "COUNT" not in captured.captured_queries[0]["sql"].upper()


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_takes_the_same_queries_whatever_its_length(pair, client, count, django_capture_on_commit_callbacks,
                                                              django_assert_num_queries):
    group, anna, bruno = pair
    replies_to_anna(django_capture_on_commit_callbacks, group, anna, bruno, count=count)
    client.force_login(anna)
    # Session, member, paginator count, the page, the posts it is about, the unread count of
    # the page and the header's.
    with django_assert_num_queries(SESSION_QUERIES + 6):
        response = client.get(reverse("notification_list"))
    assert response.status_code == 200


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(pair, client, django_capture_on_commit_callbacks):
    group, anna, bruno = pair
    _thread, [post] = replies_to_anna(django_capture_on_commit_callbacks, group, anna, bruno)
    notification = Notification.objects.get(recipient=anna)
    client.force_login(anna)
    response = client.get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "badge-notice" not in page(client.get(reverse("notification_list"))).split("</header>")[0]


def test_someone_elses_notification_is_not_found(pair, client, django_capture_on_commit_callbacks):
    group, anna, bruno = pair
    replies_to_anna(django_capture_on_commit_callbacks, group, anna, bruno)
    notification = Notification.objects.get(recipient=anna)
    client.force_login(bruno)
    assert client.get(reverse("notification_open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notification_mark_read", args=[notification.pk])).status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_read_and_mark_all_read(pair, client, django_capture_on_commit_callbacks):
    group, anna, bruno = pair
    replies_to_anna(django_capture_on_commit_callbacks, group, anna, bruno, count=3)
    first = Notification.objects.filter(recipient=anna).last()
    client.force_login(anna)
    assert client.post(reverse("notification_mark_read", args=[first.pk])).status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    response = client.post(reverse("notifications_mark_all_read"), follow=True)
    html = page(response)
    assert "Toutes vos notifications sont marquées comme lues." in html
    assert re.search(r"0 notifications? non lues?\.", html)
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_preferences_page_sets_each_kinds_email_frequency(member_client, member):
    html = page(member_client.get(reverse("notification_preferences")))
    assert re.search(r'<input type="radio" name="reply" value="daily"[^>]* checked>', html)
    assert re.search(r'<input type="radio" name="moderation_warning" value="immediate"[^>]* checked>', html)
    assert "<legend" in html and "Message privé" in html
    choices = {**email_frequencies(member), "mention": EmailFrequency.IMMEDIATE, "private_message": "never"}
    response = member_client.post(reverse("notification_preferences"), choices)
    assert response.status_code == 302
    assert email_frequencies(member) == choices


def test_an_unknown_frequency_is_refused_with_a_message(member_client, member):
    response = member_client.post(reverse("notification_preferences"),
                                  {**email_frequencies(member), "reply": "hourly"})
    assert response.status_code == 400
    assert "Choisissez à quelle fréquence recevoir des e-mails." in page(response)
    assert not NotificationPreference.objects.filter(member=member).exists()


# --- One-click unsubscribe -------------------------------------------------------------------

def _mailed_unsubscribe_url(capture, group, anna, bruno) -> str:
    mails_for_everything(anna, EmailFrequency.IMMEDIATE)
    replies_to_anna(capture, group, anna, bruno)
    [message] = mail.outbox
    url = re.search(r"https?://\S+/notifications/unsubscribe/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    return url.split("127.0.0.1:8000", 1)[-1]


def test_the_unsubscribe_link_of_a_mail_works_in_one_click_without_signing_in(pair, django_capture_on_commit_callbacks):
    group, anna, bruno = pair
    url = _mailed_unsubscribe_url(django_capture_on_commit_callbacks, group, anna, bruno)
    client = Client(enforce_csrf_checks=True)
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Ne plus recevoir d'e-mails" in page(confirmation)
    assert set(email_frequencies(anna).values()) == {EmailFrequency.IMMEDIATE}
    done = client.post(url)
    assert done.status_code == 200 and "C'est fait" in page(done)
    assert set(email_frequencies(anna).values()) == {EmailFrequency.NEVER}


def test_a_mail_client_unsubscribes_with_the_rfc_8058_post(pair, django_capture_on_commit_callbacks):
    group, anna, bruno = pair
    url = _mailed_unsubscribe_url(django_capture_on_commit_callbacks, group, anna, bruno)
    response = Client(enforce_csrf_checks=True).post(url, "List-Unsubscribe=One-Click",
                                                     content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert set(email_frequencies(anna).values()) == {EmailFrequency.NEVER}


@pytest.mark.parametrize("token", ["1:forged-signature", "not-a-token", "MQ:1tFaKe:AbCdEfGhIjKlMnOpQrStUvWxYz"])
def test_a_forged_unsubscribe_token_is_refused_with_a_clear_400(member, token):
    client = Client(enforce_csrf_checks=True)
    for response in (client.get(reverse("notifications_unsubscribe", args=[token])),
                     client.post(reverse("notifications_unsubscribe", args=[token]))):
        assert response.status_code == 400
        assert "Ce lien de désinscription n&#x27;est pas valide" in page(response)
    assert not NotificationPreference.objects.exists()
