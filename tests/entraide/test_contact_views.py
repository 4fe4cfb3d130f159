import re

import pytest
from django.core import mail

from entraide.models import ContactCircle, ContactMessage, ContactWish
from entraide.services.contact import contact_message_send, contact_wish_register
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, region, theme
from tests.queries import SESSION_QUERIES

WISH = {"theme": "huntington", "region": "vd"}


def html_of(response, status=200) -> str:
    assert response.status_code == status, response.status_code
    assert_valid_html(response)
    return response.content.decode()


def register(user):
    return contact_wish_register(actor=user, theme=theme("huntington"), region=region("vd"))


@pytest.fixture
def circle_of_two(db):
    first, second = UserFactory(), UserFactory()
    register(first)
    return register(second).circle, first, second


def test_the_contact_page_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get("/contact/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/contact/"


def test_an_anonymous_wish_is_sent_to_the_login_page_first(client, db):
    response = client.post("/contact/wishes/", WISH)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/contact/wishes/")
    assert ContactWish.objects.count() == 0


def test_arriving_from_the_directory_shows_the_form_prefilled(member_client):
    html = html_of(member_client.get("/contact/wishes/?theme=huntington&region=vd"))
    assert re.search(r'<option value="huntington" selected>', html)
    assert re.search(r'<option value="vd" selected>', html)


def test_a_first_wish_is_listed_with_a_withdraw_button(member_client, member):
    response = member_client.post("/contact/wishes/", WISH)
    assert response.status_code == 302 and response.url == "/contact/"
    html = html_of(member_client.get("/contact/"))
    wish = ContactWish.objects.get(user=member)
    assert "Maladie de Huntington · Vaud" in html
    assert "En attente d&#x27;une autre personne" in html or "En attente d'une autre personne" in html
    assert f'action="/contact/wishes/{wish.pk}/withdraw/"' in html
    assert "C&#x27;est noté" in html or "C'est noté" in html


def test_the_second_registrant_is_led_to_the_circle_and_both_are_mailed(client, db, django_capture_on_commit_callbacks):
    first, second = UserFactory(), UserFactory()
    register(first)
    client.force_login(second)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/wishes/", WISH)
    circle = ContactCircle.objects.get()
    assert response.url == f"/contact/circles/{circle.pk}/"
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    for member, other in ((first, second), (second, first)):
        client.force_login(member)
        home = html_of(client.get("/contact/"))
        assert f'href="/contact/circles/{circle.pk}/"' in home
        page = html_of(client.get(f"/contact/circles/{circle.pk}/"))
        assert other.pseudonym in page
        for text in (home, page):
            assert other.email not in text and member.email not in text


def test_a_duplicate_wish_gets_a_clear_message_and_409(member_client, member):
    register(member)
    html = html_of(member_client.post("/contact/wishes/", WISH), status=409)
    assert "Vous cherchez déjà des personnes pour ce thème et cette région." in html
    assert ContactWish.objects.filter(user=member).count() == 1


@pytest.mark.parametrize("data", [{"theme": "nope", "region": "vd"}, {"theme": "huntington"}, {}])
def test_an_unknown_or_missing_theme_or_region_gets_a_clear_message_and_400(member_client, data):
    html = html_of(member_client.post("/contact/wishes/", data), status=400)
    assert 'class="errorlist' in html
    assert ContactWish.objects.count() == 0


def test_a_member_withdraws_a_wish(member_client, member):
    wish = register(member)
    response = member_client.post(f"/contact/wishes/{wish.pk}/withdraw/")
    assert response.status_code == 302
    assert not ContactWish.objects.filter(pk=wish.pk).exists()


def test_another_member_s_wish_cannot_be_withdrawn(member_client):
    wish = register(UserFactory())
    assert member_client.post(f"/contact/wishes/{wish.pk}/withdraw/").status_code == 404
    assert ContactWish.objects.filter(pk=wish.pk).exists()


def test_withdrawing_needs_a_post(member_client, member):
    wish = register(member)
    assert member_client.get(f"/contact/wishes/{wish.pk}/withdraw/").status_code == 405


def test_the_circle_page_is_hidden_from_non_participants(client, circle_of_two):
    circle, _first, _second = circle_of_two
    client.force_login(UserFactory())
    assert client.get(f"/contact/circles/{circle.pk}/").status_code == 404
    assert client.post(f"/contact/circles/{circle.pk}/", {"body": "Bonjour"}).status_code == 404
    assert ContactMessage.objects.count() == 0


def test_the_circle_page_needs_a_login(client, circle_of_two):
    circle, _first, _second = circle_of_two
    assert client.get(f"/contact/circles/{circle.pk}/").status_code == 302


def test_a_participant_writes_and_the_message_shows_with_the_pseudonym(client, circle_of_two):
    circle, first, second = circle_of_two
    client.force_login(first)
    response = client.post(f"/contact/circles/{circle.pk}/", {"body": "Bonjour **à vous** <script>alert(1)</script>"})
    assert response.status_code == 302
    client.force_login(second)
    html = html_of(client.get(f"/contact/circles/{circle.pk}/"))
    assert f"<strong>{first.pseudonym}</strong>" in html
    assert "<strong>à vous</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert first.email not in html


@pytest.mark.parametrize("body, error", [("", "Le message est vide"), ("   ", "Le message est vide"),
                                         ("y" * 5001, "la limite est de 5000")])
def test_an_empty_or_overlong_message_is_refused_with_400_and_the_text_kept(client, circle_of_two, body, error):
    circle, first, _second = circle_of_two
    client.force_login(first)
    html = html_of(client.post(f"/contact/circles/{circle.pk}/", {"body": body}), status=400)
    assert error in html
    if body.strip():
        assert body in html
    assert ContactMessage.objects.count() == 0


def test_line_breaks_count_as_one_character(client, circle_of_two):
    circle, first, _second = circle_of_two
    client.force_login(first)
    response = client.post(f"/contact/circles/{circle.pk}/", {"body": "a\r\n" * 2000})
    assert response.status_code == 302
    assert len(ContactMessage.objects.get().body) == 2 * 2000 - 1


def test_the_circle_page_takes_the_same_queries_for_two_or_twenty_messages(client, circle_of_two, django_assert_num_queries):
    circle, first, second = circle_of_two
    client.force_login(first)
    for author in (first, second):
        contact_message_send(actor=author, circle=circle, body="Bonjour")
    client.get(f"/contact/circles/{circle.pk}/")  # settles the session
    with django_assert_num_queries(SESSION_QUERIES + 5):
        html_of(client.get(f"/contact/circles/{circle.pk}/"))
    for number in range(18):
        contact_message_send(actor=(first, second)[number % 2], circle=circle, body=f"Message {number}")
    with django_assert_num_queries(SESSION_QUERIES + 5):
        html_of(client.get(f"/contact/circles/{circle.pk}/"))


def test_the_contact_home_takes_the_same_queries_for_one_or_many_wishes(member_client, member, django_assert_num_queries):
    register(member)
    member_client.get("/contact/")
    with django_assert_num_queries(SESSION_QUERIES + 6):
        html_of(member_client.get("/contact/"))
    for code in ("als", "ehlers-danlos", "laryngectomy", "rare-disease"):
        contact_wish_register(actor=member, theme=theme(code), region=region("vd"))
    with django_assert_num_queries(SESSION_QUERIES + 6):
        html_of(member_client.get("/contact/"))
