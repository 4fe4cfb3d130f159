"""The appeals page shows the role holders what is appealed and why. An appeal about an
anonymous post does not name the person appealing: that would tell who wrote it, and the
audited reveal is the one way to learn it."""

import pytest
from django.urls import reverse

from forums.services.posts import post_create
from moderation.models import DecisionAction, RoleKind
from moderation.services.appeals import appeal_file, appeal_settle
from moderation.services.decisions import report_decide
from moderation.services.reports import report_create
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join
from tests.forums.builders import a_thread, forum

from .builders import give_role

pytestmark = pytest.mark.django_db

AUTHOR = "Zq8AuteurDuRecours"


def appealed(*, anonymous):
    """A post hidden by the founder (a moderator) and appealed by its author."""
    group, founder, _member = forum()
    author = join(group, UserFactory(pseudonym=AUTHOR))
    thread = a_thread(group, founder)
    post = post_create(actor=author, thread=thread, body="Ce que j'ai vécu.", is_anonymous=anonymous)
    report = report_create(actor=join(group), target=post, category="disrespect")
    decision = report_decide(actor=founder, report=report, action=DecisionAction.HIDE,
                             reason="Propos blessants envers un membre")
    appeal = appeal_file(actor=author, decision=decision, reason="Une citation, pas une attaque.")
    host = give_role(group, join(group), RoleKind.HOST)
    return group, founder, host, appeal


def appeals_page(client, group, viewer) -> str:
    client.force_login(viewer)
    response = client.get(reverse("group_appeals", kwargs={"slug": group.slug}))
    assert response.status_code == 200
    assert_valid_html(response)
    return response.content.decode()


def test_a_pending_appeal_about_an_anonymous_post_does_not_name_its_author(client):
    group, founder, host, _appeal = appealed(anonymous=True)
    for viewer in (host, founder):
        html = appeals_page(client, group, viewer)
        assert AUTHOR not in html
        assert "La personne qui a écrit ce message anonyme demande de revoir : Masquer le contenu" in html
        assert "Une citation, pas une attaque." in html


def test_once_settled_it_still_does_not_name_its_author(client):
    group, _founder, host, appeal = appealed(anonymous=True)
    appeal_settle(actor=host, appeal=appeal, uphold=False, reason="Le message blessait.")
    html = appeals_page(client, group, host)
    assert "Le message blessait." in html and AUTHOR not in html


def test_an_appeal_about_a_signed_post_names_its_author(client):
    group, _founder, host, _appeal = appealed(anonymous=False)
    assert f"{AUTHOR} demande de revoir : Masquer le contenu" in appeals_page(client, group, host)
