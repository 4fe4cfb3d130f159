"""The admin holds what staff curate (themes, sectors, regions, crisis lines) and nothing of
the groups: the demo staff account, a curator and not a superuser, gets 403 or 404 on every
admin address of every other model, and even a superuser finds no group content there."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, reverse

from entraide.admin_site import CURATED_MODELS
from entraide.models import Group, Theme, User, Visibility
from tests.factories import UserFactory, make_group

pytestmark = pytest.mark.django_db

DEMO_STAFF = "centre@demo.entraide.example"
OBJECT_PAGES = ("", "change/", "delete/", "history/")
# The admin's own pages, about no model.
SITE_ROUTES = {"index", "login", "logout", "password_change", "password_change_done", "autocomplete", "jsi18n",
               "app_list"}


@pytest.fixture
def demo_staff():
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    return User.objects.get(email=DEMO_STAFF)


def model_pages(model) -> list[str]:
    """Every admin address a model would have, with the id of one of its rows."""
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    row = model._base_manager.order_by("pk").first()
    pk = row.pk if row is not None else 1
    return [base, base + "add/", *(f"{base}{pk}/{page}" for page in OBJECT_PAGES)]


def curated() -> set:
    return {apps.get_model(label) for label in CURATED_MODELS}


def not_curated() -> list:
    return [model for model in apps.get_models() if model not in curated()]


def admin_route_names(patterns=None) -> set[str]:
    """The names of every route the admin serves, read from the resolver."""
    names = set()
    for entry in admin.site.get_urls() if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            names |= admin_route_names(entry.url_patterns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def test_the_demo_staff_account_gets_403_or_404_on_every_admin_page_of_every_model_not_curated(client, demo_staff):
    client.force_login(demo_staff)
    assert Group.objects.exists()  # group content exists, for the walk to ask about real rows
    refused = {}
    for model in not_curated():
        for url in model_pages(model):
            for method in (client.get, client.post):
                status = method(url).status_code
                if status not in (403, 404):
                    refused[(method.__name__, url)] = status
    assert refused == {}


def test_even_a_superuser_finds_no_group_content_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for label in ("entraide.Group", "entraide.Membership", "entraide.User", "moderation.ModerationLogEntry",
                  "moderation.Proposal", "moderation.RoleHolding", "moderation.Report", "forums.Post",
                  "forums.Thread", "conversations.PrivateMessage", "account.EmailAddress"):
        for url in model_pages(apps.get_model(label)):
            assert client.get(url).status_code == 404, url


def test_the_admin_registers_only_the_curated_models_and_serves_no_view_on_site_redirect():
    assert set(admin.site._registry) == curated()
    names = admin_route_names()
    model_routes = {name.rsplit("_", 1)[0] for name in names - SITE_ROUTES}
    assert model_routes == {f"{model._meta.app_label}_{model._meta.model_name}" for model in curated()}
    assert "view_on_site" not in names


def test_the_demo_staff_account_curates_every_curated_model(client, demo_staff):
    client.force_login(demo_staff)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    for model in curated():
        for url in model_pages(model):
            assert client.get(url, follow=True).status_code == 200, url
        assert f'href="/admin/{model._meta.app_label}/{model._meta.model_name}/"' in index.content.decode()


def test_renaming_a_theme_in_the_admin_goes_through_the_service_and_the_directory_finds_the_new_name(
        client, demo_staff):
    theme = Theme.objects.filter(groups__isnull=False).distinct().first()
    client.force_login(demo_staff)
    response = client.post(f"/admin/entraide/theme/{theme.pk}/change/", {
        "code": theme.code, "name_fr": theme.name_fr, "name_de": theme.name_de, "name_it": theme.name_it,
        "name_en": "Zq8 curated name", "sector": theme.sector_id, "is_rare": "on" if theme.is_rare else "",
    })
    assert response.status_code == 302
    assert Theme.objects.get(pk=theme.pk).name_en == "Zq8 curated name"
    assert all("zq8 curated name" in group.search_text for group in Group.objects.filter(themes=theme))


def test_staff_without_the_curators_permission_change_nothing(client):
    theme = Theme.objects.first()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(f"/admin/entraide/theme/{theme.pk}/change/").status_code == 403
    assert client.post(f"/admin/entraide/theme/{theme.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_deleting_a_region_or_a_theme_in_use_says_how_many_groups_use_it_never_which(client, demo_staff):
    group = make_group(name="Zq8 Cercle discret", visibility=Visibility.UNLISTED)
    client.force_login(demo_staff)
    for url in (f"/admin/entraide/region/{group.region_id}/delete/",
                f"/admin/entraide/theme/{group.themes.get().pk}/delete/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Zq8 Cercle discret" not in response.content.decode() and group.slug not in response.content.decode()
    assert client.post(f"/admin/entraide/region/{group.region_id}/delete/", {"post": "yes"}).status_code == 200
    assert Group.objects.filter(pk=group.pk, region_id=group.region_id).exists()


@pytest.mark.parametrize("number", [str(2**63), str(10**30), str(-(10**30))])
def test_numbers_no_database_holds_are_refused_in_every_curated_page_without_an_error(client, demo_staff, number):
    client.force_login(demo_staff)
    for model in curated():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for url in (f"{base}{number}/change/", f"{base}{number}/delete/", f"{base}{number}/history/"):
            assert client.get(url).status_code == 404, url
        assert client.get(base, {"id__exact": number}).status_code == 400
        listed = model.objects.order_by("pk").first()
        response = client.post(base, {"action": "delete_selected", "_selected_action": [number]})
        assert response.status_code == 400
        response = client.post(base, {"_save": "1", "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1",
                                      "form-0-id": number, "form-0-position": "1"})
        assert response.status_code == 400
        assert model.objects.filter(pk=listed.pk).exists()
