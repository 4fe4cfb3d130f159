import pytest

from moderation.models import LogAction, ModerationLogEntry
from moderation.services.proposals import charter_change_propose, proposal_object
from tests.factories import UserFactory, join, make_group

pytestmark = pytest.mark.django_db


def log_url(group):
    return f"/groups/{group.slug}/log/"


def as_(client, user):
    client.force_login(user)
    return client


def test_the_log_shows_what_was_done_by_whom_and_why(client):
    group = make_group()
    proposal = charter_change_propose(actor=join(group), group=group, charter_text="Nouvelle charte.")
    objector = join(group)
    proposal_object(actor=objector, proposal=proposal, reason="Le texte perd la confidentialité.")
    page = as_(client, join(group)).get(log_url(group)).content.decode()
    assert "Objection à une proposition" in page
    assert objector.pseudonym in page
    assert "Le texte perd la confidentialité." in page
    assert "Rôles de départ" in page


def test_the_log_cannot_be_read_edited_or_deleted_in_the_admin_even_by_a_superuser(client):
    group = make_group()
    entry = ModerationLogEntry.objects.get(group=group, action=LogAction.FOUNDING_ROLES)
    as_(client, UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/moderation/moderationlogentry/{entry.pk}/"
    assert client.get(url + "change/").status_code == 404
    assert client.post(url + "change/", {"reason": "effacé", "actor_name": "x"}).status_code == 404
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 404
    entry.refresh_from_db()
    assert entry.reason == "" and ModerationLogEntry.objects.filter(pk=entry.pk).exists()
    member_page = as_(client, group.created_by).get(log_url(group)).content.decode()
    assert "<form" not in member_page.split('<main')[1].split('</main>')[0]
