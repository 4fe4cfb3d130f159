"""django-allauth's pages inside Entraide: sign-up with a pseudonym, e-mail verification,
sign-in, password reset, rate limits and two-factor authentication."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.urls import reverse

from entraide.models import User
from tests.conftest import assert_valid_html
from tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "another calm password 77"


def sign_up(client, *, email="zoe@example.org", pseudonym="Zoé", password=PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"email": email, "username": pseudonym, "password1": password, "password2": password},
    )


def sign_in(client, *, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def link_in(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def assert_in_site_layout(response):
    """An allauth page drawn by our layout, with nothing the Content-Security-Policy would block."""
    html = response.content.decode()
    assert 'class="skip-link"' in html and '<main id="main"' in html
    assert " style=" not in html and "<style" not in html
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/js/entraide.js" defer>']
    assert_valid_html(response)


# Sign-up and e-mail verification


def test_sign_up_asks_email_pseudonym_and_password_and_never_a_real_name(client, db):
    response = client.get(reverse("account_signup"))

    assert list(response.context["form"].fields) == ["email", "username", "password1", "password2"]
    assert "Pseudonyme" in response.content.decode()
    assert_in_site_layout(response)


def test_sign_up_creates_a_member_with_the_pseudonym_and_sends_a_verification_mail(client, db):
    response = sign_up(client)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    member = User.objects.get(email="zoe@example.org")
    assert member.pseudonym == "Zoé"
    assert not EmailAddress.objects.get(user=member).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zoe@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert_in_site_layout(client.get(response.url))


def test_the_link_in_the_mail_shows_a_button_and_verifies_the_address_only_when_pressed(client, db):
    sign_up(client)
    link = link_in(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert_in_site_layout(page)
    assert not EmailAddress.objects.get(email="zoe@example.org").verified

    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="zoe@example.org").verified


def test_a_confirmation_link_that_was_tampered_with_shows_a_page_not_an_error(client, db):
    response = client.get(reverse("account_confirm_email", kwargs={"key": "not-a-real-key"}))

    assert response.status_code == 200
    assert_in_site_layout(response)


def test_a_pseudonym_taken_in_another_case_is_refused_at_sign_up(client, db):
    UserFactory(pseudonym="Zoé")

    response = sign_up(client, pseudonym="ZOÉ")

    assert response.status_code == 200
    assert "Ce pseudonyme est déjà pris." in response.content.decode()
    assert not User.objects.filter(email="zoe@example.org").exists()
    assert_in_site_layout(response)


@pytest.mark.parametrize(
    "pseudonym",
    ["x" * 41, "", "Z", "Ancien membre", "former-0123", "Zo\u200be"],
    ids=["overlong", "empty", "one-letter", "reserved", "deleted-account-form", "invisible-character"],
)
def test_an_unusable_pseudonym_is_refused_at_sign_up_with_a_message(client, db, pseudonym):
    response = sign_up(client, pseudonym=pseudonym)

    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not User.objects.filter(email="zoe@example.org").exists()
    assert_in_site_layout(response)


def test_html_and_script_in_a_pseudonym_are_shown_as_text(client, db):
    sign_up(client, pseudonym='<b>Zoé</b><script>alert("x")</script>')
    member = User.objects.get(email="zoe@example.org")
    client.force_login(member)

    for url in (reverse("profile"), reverse("member_profile", args=[member.pk])):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(" in html
        assert "<script>alert" not in html and "<b>Zoé" not in html


# Signing in, passwords, rate limits


def test_a_member_signs_in_with_their_email(client, member):
    response = sign_in(client, email=member.email.upper())

    assert response.status_code == 302
    assert client.get(reverse("profile")).context["user"] == member


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/inactive/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/1-not-a-key/",
    ],
    ids=["login", "inactive", "reset-done", "reset-bad-key"],
)
def test_pages_for_visitors_fit_the_layout(client, db, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_in_site_layout(response)


def test_a_wrong_password_is_refused_with_a_message(client, member):
    response = sign_in(client, email=member.email, password="not the password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session
    assert_in_site_layout(response)


def test_rate_limits_are_on_and_stop_repeated_failed_sign_ins(client, member):
    assert "login_failed" in settings.ACCOUNT_RATE_LIMITS
    for _attempt in range(5):
        sign_in(client, email=member.email, password="guess")

    response = sign_in(client, email=member.email)

    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_password_reset_sends_a_mail_whose_link_sets_a_new_password(client, member):
    assert_in_site_layout(client.get(reverse("account_reset_password")))

    response = client.post(reverse("account_reset_password"), {"email": member.email})

    assert response.status_code == 302
    assert_in_site_layout(client.get(response.url))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    key_page = client.get(link_in(mail.outbox[0]), follow=True)
    assert_in_site_layout(key_page)
    done = client.post(key_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert_in_site_layout(client.get(done.url))
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    "url_name", ["account_email", "account_change_password", "account_logout", "mfa_index"]
)
def test_account_management_pages_fit_the_layout(client, member, url_name):
    sign_in(client, email=member.email)

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert_in_site_layout(response)


def test_the_email_page_groups_the_addresses_under_a_legend(client, member):
    sign_in(client, email=member.email)

    html = client.get(reverse("account_email")).content.decode()

    assert "<legend>" in html and member.email in html


# Two-factor authentication


def totp_code(secret: str, *, periods_ahead: int = 0) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + periods_ahead
    return format_hotp_value(hotp_value(secret, counter))


def test_two_factor_authentication_is_reachable_from_the_profile(client, member):
    sign_in(client, email=member.email)

    html = client.get(reverse("profile")).content.decode()

    assert f'href="{reverse("mfa_index")}"' in html


def test_a_member_activates_an_authenticator_app_and_is_then_asked_for_a_code(client, member, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # a code typed as the 30-second period turns is still good
    sign_in(client, email=member.email)
    # allauth asks for the password again before changing how one signs in.
    reauthenticate = client.get(reverse("mfa_activate_totp"), follow=True)
    assert_in_site_layout(reauthenticate)
    page = client.post(reauthenticate.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    assert_in_site_layout(page)

    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    for url_name in ("mfa_index", "mfa_view_recovery_codes", "mfa_deactivate_totp", "mfa_generate_recovery_codes"):
        management_page = client.get(reverse(url_name))
        assert management_page.status_code == 200
        assert_in_site_layout(management_page)

    client.logout()
    second_step = sign_in(client, email=member.email)
    assert second_step.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert_in_site_layout(client.get(second_step.url))
    wrong = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, periods_ahead=10)})
    assert "_auth_user_id" not in client.session
    assert_in_site_layout(wrong)
    # The next period's code: the one typed at activation cannot be used twice.
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, periods_ahead=1)})
    assert client.session["_auth_user_id"] == str(member.pk)
