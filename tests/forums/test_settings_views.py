"""The content-warning preferences page and a forum's settings page, and what opening a forum
to everyone changes on the group page."""

import pytest
from django.urls import reverse

from forums.models import ContentWarningPreference
from forums.services.settings import forum_settings_update
from tests.factories import UserFactory

from .builders import a_thread, forum
from .pages import as_, page, thread_url, threads_url

pytestmark = pytest.mark.django_db


# --- Content warnings --------------------------------------------------------------------------

def test_the_preferences_page_saves_one_choice_per_warning(client):
    member = UserFactory()
    page(as_(client, member).get(reverse("forum_warning_preferences")))
    data = {warning: "ask" for warning in ("suicide_self_harm", "abuse_violence", "eating", "substances",
                                          "death_grief", "medical", "other")}
    data["eating"] = "hide"
    assert client.post(reverse("forum_warning_preferences"), data).status_code == 302
    assert ContentWarningPreference.objects.get(member=member, warning="eating").choice == "hide"
    data["eating"] = "sometimes"
    response = client.post(reverse("forum_warning_preferences"), data)
    assert response.status_code == 400 and "Choisissez une option" in page(response)


# --- Settings and the group page ---------------------------------------------------------------

def test_a_public_forum_is_read_by_anyone_but_written_by_members_only(client):
    group, moderator, member = forum()
    thread = a_thread(group, member, body="Lisible par tous")
    response = client.get(reverse("forum_settings", args=[group.slug]))
    assert response.status_code == 302
    html = page(as_(client, moderator).get(reverse("forum_settings", args=[group.slug])))
    assert "moteurs de recherche" in html
    assert client.post(reverse("forum_settings", args=[group.slug]), {"readable_by_anyone": "on"}).status_code == 302
    client.logout()
    assert "Lisible par tous" in page(client.get(thread_url(thread)))
    assert "lisible par tout le monde" in page(client.get(threads_url(group)))
    outsider_client = as_(client, UserFactory())
    assert outsider_client.post(reverse("forum_thread_reply", args=[group.slug, thread.pk]),
                                {"body": "Intrus"}).status_code == 403


def test_the_group_page_links_to_the_forum_for_those_who_may_read_it(client):
    group, moderator, member = forum()
    link = threads_url(group)
    assert link in page(as_(client, member).get(group.get_absolute_url()))
    assert link not in page(as_(client, UserFactory()).get(group.get_absolute_url()))
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=True)
    assert link in page(client.get(group.get_absolute_url()))
