"""The help page, the link to it on every page, the crisis prompt include, and the lines in the admin."""

import re

import html5lib
import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from moderation.crisis import crisis_prompt_context
from moderation.models import CrisisLine, Report
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group

pytestmark = pytest.mark.django_db


def headings(page: str) -> list[str]:
    return re.findall(r'<h2 id="country-(\w\w)">', page)


# --- The help page -----------------------------------------------------------------------------

def test_the_help_page_is_public_valid_and_lists_lines_by_country_switzerland_first(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/help/")
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "<h1>Besoin d'aide maintenant ?</h1>" in page
    assert headings(page) == ["CH", "FR", "DE", "IT", "AT", "BE", "LU", "CA"]
    for number in ('href="tel:143"', 'href="tel:147"', 'href="tel:144"', 'href="tel:112"', 'href="tel:117"',
                   'href="tel:3114"', 'href="tel:15"', 'href="tel:080032123"', 'href="tel:1813"', 'href="tel:988"',
                   'href="tel:911"', 'href="tel:08001110111"', 'href="tel:08001110222"', 'href="tel:116123"',
                   'href="tel:110"', 'href="tel:142"', 'href="tel:133"', 'href="tel:0223272327"',
                   'href="tel:118"', 'href="tel:454545"', 'href="tel:113"'):
        assert number in page
    assert "La Main Tendue" in page


def test_the_help_page_puts_the_country_of_the_browser_or_the_one_chosen_first(client):
    page = client.get("/help/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9,en;q=0.8").content.decode()
    assert headings(page)[0] == "CA"
    page = client.get("/help/?country=be").content.decode()
    assert headings(page)[0] == "BE"
    assert 'href="?country=BE" aria-current="page"' in page
    # A country nobody configured is ignored, never an error.
    response = client.get("/help/?country=ZZ<script>")
    assert response.status_code == 200
    assert headings(response.content.decode())[0] == "CH"


def test_the_help_page_names_the_lines_in_the_language_of_the_page(client):
    client.cookies["entraide_language"] = "de"
    page = client.get("/help/").content.decode()
    assert "Die Dargebotene Hand" in page
    assert "La Main Tendue" not in page


def test_the_help_page_opens_with_the_emergency_numbers_of_the_likely_country(client):
    page = client.get("/help/?country=FR").content.decode()
    urgent = page.split('class="notice crisis-urgent"')[1].split("</div>")[0]
    assert 'href="tel:15"' in urgent and 'href="tel:112"' in urgent
    assert "3114" not in urgent


def test_lines_added_in_the_admin_appear_and_a_blank_language_shows_in_every_language(client):
    CrisisLine.objects.create(country="MC", language="", name="Ligne d'écoute de Monaco", phone="1234", position=5)
    page = client.get("/help/").content.decode()
    assert headings(page) == ["CH", "FR", "DE", "IT", "AT", "BE", "LU", "CA", "MC"]
    client.cookies["entraide_language"] = "it"
    assert "Ligne d&#x27;écoute de Monaco" in client.get("/help/").content.decode()


@pytest.mark.parametrize("accept_language, country", [
    ("de-DE,de;q=0.9", "DE"), ("de-AT,de;q=0.9", "AT"), ("it-IT,it;q=0.9", "IT"), ("fr-LU,fr;q=0.9", "LU"),
])
def test_a_browser_in_germany_austria_italy_or_luxembourg_gets_its_lines_first(client, accept_language, country):
    page = client.get("/help/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    assert headings(page)[0] == country


def test_the_help_page_names_the_new_countries_in_the_language_of_the_page(client):
    client.cookies["entraide_language"] = "de"
    page = client.get("/help/?country=AT").content.decode()
    assert '<h2 id="country-AT">Österreich</h2>' in page
    urgent = page.split('class="notice crisis-urgent"')[1].split("</div>")[0]
    assert 'href="tel:144"' in urgent and 'href="tel:112"' in urgent and 'href="tel:133"' in urgent
    assert "142" not in urgent


@pytest.mark.parametrize("url", ["/", "/groups/", "/help/", "/accounts/login/"])
def test_every_page_links_to_the_help_page_in_one_step(client, url):
    page = client.get(url).content.decode()
    assert '<a class="help-now" href="/help/"' in page
    assert "Besoin d'aide maintenant ?" in page


def test_the_help_link_is_on_signed_in_pages_too(client):
    group = make_group()
    client.force_login(group.created_by)
    page = client.get(group.get_absolute_url()).content.decode()
    assert '<a class="help-now" href="/help/"' in page


def test_the_help_page_answers_only_get(client):
    assert client.post("/help/").status_code == 405


def test_staff_keep_the_lines_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/moderation/crisisline/").status_code == 200
    response = client.post("/admin/moderation/crisisline/add/", {
        "country": "CH", "language": "fr", "name": "Ligne d'écoute", "phone": "0800 000 000", "text": "",
        "url": "", "position": 60,
    })
    assert response.status_code == 302
    assert CrisisLine.objects.filter(phone="0800 000 000").exists()


def test_the_default_lines_cover_the_eight_countries_in_the_four_languages():
    for language in ("fr", "de", "it", "en"):
        countries = set(CrisisLine.objects.filter(language=language).values_list("country", flat=True))
        assert countries == {"CH", "FR", "BE", "CA", "DE", "AT", "IT", "LU"}
        for country in countries:
            lines = CrisisLine.objects.filter(language=language, country=country)
            assert lines.filter(is_emergency=False).exists(), (language, country)
            assert lines.filter(is_emergency=True).exists(), (language, country)
    assert CrisisLine.objects.get(language="fr", country="CH", phone="147").name == "Pro Juventute 147"
    assert CrisisLine.objects.get(language="it", phone="143").name == "Telefono Amico"
    assert CrisisLine.objects.get(language="fr", phone="3114").is_emergency is False
    assert CrisisLine.objects.get(language="fr", country="CH", phone="112").is_emergency is True


def test_a_line_needs_a_two_letter_country_code():
    from django.db import DataError, IntegrityError

    # SQLite checks the constraint; PostgreSQL already refuses the length of the column.
    with pytest.raises((IntegrityError, DataError)):
        CrisisLine.objects.create(country="Suisse", name="x", phone="1")


# --- The prompt include ------------------------------------------------------------------------

def render_prompt(member, group, text):
    request = RequestFactory().post("/")
    request.user = member
    context = crisis_prompt_context(text, member, group)
    return render_to_string("moderation/_crisis_prompt.html", context, request=request)


def test_the_prompt_is_a_calm_status_with_the_lines_the_help_page_and_a_request_to_the_group(client):
    group = make_group()
    member = join(group)
    html = render_prompt(member, group, "Je n'ai plus envie de vivre")
    html5lib.HTMLParser(strict=True).parse(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title></head>'
        f"<body><main><h1>Fil</h1>{html}</main></body></html>"
    )
    assert 'role="status"' in html
    assert "dialog" not in html and "modal" not in html
    assert 'href="tel:143"' in html and 'href="tel:147"' in html and 'href="tel:144"' in html
    assert f'href="{reverse("crisis_help")}"' in html
    assert f'action="{reverse("group_worry_raise", args=[group.slug])}"' in html
    assert 'name="note"' in html
    assert "Demander aux pairs aidant·es du groupe de prendre de mes nouvelles" in html


def test_the_prompt_form_asks_the_group_peer_supporters_and_nothing_else(client):
    group = make_group()
    member = join(group)
    html = render_prompt(member, group, "I want to die")
    action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
    client.force_login(member)
    response = client.post(action, {"note": "Une soirée difficile."})
    assert response.status_code == 302
    worry = Report.objects.get(group=group, reporter=member)
    assert worry.category == "worry"
    assert worry.note == "Une soirée difficile."


def test_the_prompt_works_without_lines_too():
    group = make_group()
    request = RequestFactory().get("/")
    request.user = group.created_by
    html = render_to_string("moderation/_crisis_prompt.html", {"group": group}, request=request)
    assert "<ul" not in html
    assert 'href="/help/"' in html


def test_a_database_seeded_with_the_first_four_countries_gets_the_four_new_ones_once():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("moderation.migrations.0007_crisis_lines_de_at_it_lu")
    CrisisLine.objects.filter(country__in=("DE", "AT", "IT", "LU")).delete()
    CrisisLine.objects.create(country="LU", language="fr", name="Une ligne choisie par l'équipe", phone="1234")

    migration.add_later_countries(apps, None)
    migration.add_later_countries(apps, None)

    assert CrisisLine.objects.filter(country="DE", language="de", phone="0800 111 0 111").count() == 1
    assert CrisisLine.objects.filter(country="AT", language="it", phone="142").count() == 1
    assert CrisisLine.objects.filter(country="IT", language="en", phone="02 2327 2327").count() == 1
    assert list(CrisisLine.objects.filter(country="LU").values_list("phone", flat=True)) == ["1234"]
