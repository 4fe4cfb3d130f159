"""A member's own account pages: profile, member page, deletion, data export."""

from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from entraide.models import User
from entraide.services.accounts import profile_update
from tests.conftest import assert_valid_html
# The autouse fixture comes along with the helpers: every test starts with fresh rate-limit counts.
from tests.entraide.test_authentication_views import sign_in, sign_up
from tests.factories import PASSWORD, UserFactory, join, make_group
from tests.queries import SESSION_QUERIES


# Profile


def test_the_profile_page_shows_the_form_and_links_with_a_fixed_number_of_queries(
    member_client, member, django_assert_num_queries
):
    # session, member, e-mail addresses, authenticator
    with django_assert_num_queries(SESSION_QUERIES + 4):
        response = member_client.get(reverse("profile"))

    assert response.status_code == 200
    html = response.content.decode()
    for url_name in ("account_email", "account_change_password", "mfa_index", "account_export", "account_delete"):
        assert f'href="{reverse(url_name)}"' in html
    assert member.email in html
    assert_valid_html(response)


def test_the_profile_page_asks_visitors_to_sign_in(client, db):
    response = client.get(reverse("profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_member_changes_their_preferred_language_and_the_site_follows(member_client, member):
    response = member_client.post(reverse("profile"), {"pseudonym": member.pseudonym, "preferred_language": "de"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.preferred_language == "de"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert member_client.get(reverse("profile")).context["LANGUAGE_CODE"] == "de"


def test_a_member_chooses_their_time_zone_and_meeting_times_follow_it(member_client, member):
    form_page = member_client.get(reverse("profile")).content.decode()
    assert '<option value="Europe/Zurich" selected>' in form_page

    response = member_client.post(reverse("profile"), {"pseudonym": member.pseudonym, "preferred_language": "fr",
                                                       "time_zone": "Asia/Tokyo"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.time_zone == "Asia/Tokyo"
    assert '<option value="Asia/Tokyo" selected>' in member_client.get(reverse("profile")).content.decode()


def test_an_unknown_time_zone_gets_a_clear_message_and_a_400(member_client, member):
    response = member_client.post(reverse("profile"), {"pseudonym": "Nouveau nom", "preferred_language": "fr",
                                                       "time_zone": "Mars/Olympus_Mons"})

    assert response.status_code == 400
    assert "« Mars/Olympus_Mons » n&#x27;est pas un fuseau horaire connu" in response.content.decode()
    member.refresh_from_db()
    assert member.time_zone == "Europe/Zurich" and member.pseudonym != "Nouveau nom"
    assert_valid_html(response)


def test_a_member_changes_their_pseudonym(member_client, member):
    member_client.post(reverse("profile"), {"pseudonym": "  Lumière  ", "preferred_language": "fr"})

    member.refresh_from_db()
    assert member.pseudonym == "Lumière"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"pseudonym": "LÉA", "preferred_language": "fr"}, "Ce pseudonyme est déjà pris."),
        ({"pseudonym": "x" * 41, "preferred_language": "fr"}, "40"),
        ({"pseudonym": "", "preferred_language": "fr"}, "obligatoire"),
        ({"pseudonym": "Ancien Membre", "preferred_language": "fr"}, "réservé"),
        ({"pseudonym": "Nouveau nom", "preferred_language": "klingon"}, "klingon"),
    ],
    ids=["taken", "overlong", "empty", "reserved", "unknown-language"],
)
def test_bad_profile_input_gets_a_message_and_a_400_and_changes_nothing(member_client, member, data, message):
    UserFactory(pseudonym="Léa")
    before = (member.pseudonym, member.preferred_language)

    response = member_client.post(reverse("profile"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    member.refresh_from_db()
    assert (member.pseudonym, member.preferred_language) == before
    assert_valid_html(response)


def test_the_profile_form_only_ever_edits_the_signed_in_member(member_client, member):
    other = UserFactory(pseudonym="Autre")

    member_client.post(reverse("profile"), {"pseudonym": "Changé", "preferred_language": "it", "pk": other.pk})

    other.refresh_from_db()
    assert (other.pseudonym, other.preferred_language) == ("Autre", "fr")


# Member page


def test_a_member_sees_their_own_member_page_with_their_groups(member_client, member, django_assert_num_queries):
    group = make_group(member)

    with django_assert_num_queries(SESSION_QUERIES + 3):
        response = member_client.get(reverse("member_profile", args=[member.pk]))

    assert response.status_code == 200
    assert group.name in response.content.decode()
    assert_valid_html(response)


def test_another_members_page_is_refused(member_client, db):
    other = UserFactory()

    response = member_client.get(reverse("member_profile", args=[other.pk]))

    assert response.status_code == 403
    assert other.pseudonym not in response.content.decode()


def test_a_member_page_that_does_not_exist_is_refused_like_any_other(member_client, member):
    assert member_client.get(reverse("member_profile", args=[member.pk + 1000])).status_code == 403


def test_member_pages_ask_visitors_to_sign_in(client, member):
    response = client.get(reverse("member_profile", args=[member.pk]))

    assert response.status_code == 302


# Account deletion


def test_the_deletion_page_explains_what_happens(member_client):
    response = member_client.get(reverse("account_delete"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "ancien membre" in html
    assert f'href="{reverse("account_export")}"' in html
    assert_valid_html(response)


def test_deletion_with_a_wrong_password_is_refused_and_keeps_the_account(member_client, member):
    response = member_client.post(reverse("account_delete"), {"password": "not it"})

    assert response.status_code == 400
    assert "Ce mot de passe n'est pas le bon." in unescape(response.content.decode())
    member.refresh_from_db()
    assert not member.is_deleted and member.is_active
    assert_valid_html(response)


def test_deletion_needs_the_password_and_is_rate_limited(member_client, member):
    for _attempt in range(10):
        member_client.post(reverse("account_delete"), {"password": "guess"})

    response = member_client.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 429
    member.refresh_from_db()
    assert not member.is_deleted
    assert_valid_html(response)


def test_a_deleted_member_is_signed_out_cannot_sign_in_and_their_email_is_free(client, member):
    email = member.email
    group = make_group(UserFactory())
    join(group, member)
    sign_in(client, email=email)

    response = client.post(reverse("account_delete"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Votre compte est supprimé" in response.content.decode()
    assert "_auth_user_id" not in client.session
    group.refresh_from_db()
    assert group.member_count == 1
    assert "_auth_user_id" not in sign_in(client, email=email).wsgi_request.session
    assert sign_up(client, email=email, pseudonym="Revenue").status_code == 302
    assert User.objects.filter(email=email, pseudonym="Revenue").exists()


# Export


def test_the_export_is_a_json_download_of_the_members_own_data(member_client, member):
    profile_update(actor=member, member=member, preferred_language="it")

    response = member_client.get(reverse("account_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="entraide-export-')
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["account"]["pseudonym"] == member.pseudonym
    assert data["account"]["preferred_language"] == "it"


def test_a_second_member_downloading_the_export_gets_only_their_own_data(client, member):
    second = UserFactory(pseudonym="Second")
    make_group(member, name="Groupe du premier")
    client.force_login(second)

    data = client.get(reverse("account_export")).json()

    assert data["account"]["pseudonym"] == "Second"
    assert [address["email"] for address in data["account"]["email_addresses"]] == [second.email]
    assert data["memberships"] == [] and data["groups_created"] == []
    assert member.email not in str(data) and member.pseudonym not in str(data)


def test_the_export_asks_visitors_to_sign_in_and_only_answers_get(client, member_client):
    anonymous = client.__class__().get(reverse("account_export"))
    assert anonymous.status_code == 302

    assert member_client.post(reverse("account_export")).status_code == 405
