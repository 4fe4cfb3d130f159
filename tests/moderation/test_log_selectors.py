"""The moderation log reads the same whoever acted: what an entry is about, a reason chosen from
a list and a closed account are stored as facts and codes, and worded in the reader's language
when the log is read. A sentence stored in the reporter's language would name the reporter."""

from datetime import timedelta

import html5lib
import pytest
from django.utils import timezone, translation

from entraide.services.accounts import account_delete
from forums.services.posts import post_create
from moderation.models import (
    DecisionAction,
    LogAction,
    LogReason,
    ModerationLogEntry,
    ProposalStatus,
    Report,
    ReportStatus,
    RoleKind,
)
from moderation.services.decisions import staff_report_decide
from moderation.services.escalation import reports_escalate_due
from moderation.services.proposals import proposal_settle_due
from moderation.services.reports import report_create
from moderation.services.roles import role_volunteer
from tests.factories import UserFactory, join, make_group
from tests.forums.builders import a_thread

from .builders import window_passed

pytestmark = pytest.mark.django_db

TITLE = "Nuits difficiles"
IN_FRENCH = "Message n° 2 du sujet « Nuits difficiles »"
IN_ENGLISH = "Message no. 2 in the topic “Nuits difficiles”"


@pytest.fixture
def people():
    """The same moderator, author and two readers in every group; only the reporter changes."""
    return {
        "moderator": UserFactory(pseudonym="Camille"),
        "author": UserFactory(pseudonym="Dominique"),
        "english_reader": UserFactory(pseudonym="Robin", preferred_language="en"),
        "french_reader": UserFactory(pseudonym="Sacha", preferred_language="fr"),
    }


def a_group_whose_post_is_reported(client, people, name, reporter):
    """A group founded by the moderator, where the author's reply (message no. 2) is reported
    through the report page by `reporter`, then hidden from the review queue page."""
    group = make_group(people["moderator"], name=name)
    for member in (people["author"], people["english_reader"], people["french_reader"], reporter):
        join(group, member)
    thread = a_thread(group, people["moderator"], title=TITLE)
    post = post_create(actor=people["author"], thread=thread, body="Je ne dors plus.")
    assert post.number == 2
    client.force_login(reporter)
    response = client.post(f"/groups/{group.slug}/report/post/{post.pk}/", {"category": "disrespect"})
    assert response.status_code == 302
    client.force_login(people["moderator"])
    report = Report.objects.get(group=group)
    response = client.post(f"/groups/{group.slug}/queue/{report.pk}/decide/",
                           {"action": "hide", "reason": "Hors charte"})
    assert response.status_code == 302
    return group


def log_rows(client, reader, group) -> list[list[str]]:
    """The log page as `reader` sees it: each row's cells but the date, as text."""
    client.force_login(reader)
    response = client.get(f"/groups/{group.slug}/log/")
    assert response.status_code == 200
    document = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
    return [
        [" ".join("".join(cell.itertext()).split()) for cell in row.findall("td")[1:]]
        for row in document.iter("tr") if row.findall("td")
    ]


def test_the_log_reads_the_same_whoever_reported_in_each_readers_own_language(client, people):
    by_english = a_group_whose_post_is_reported(
        client, people, "Sommeil et douleur", UserFactory(pseudonym="Alex", preferred_language="en"))
    by_french = a_group_whose_post_is_reported(
        client, people, "Douleur et sommeil", UserFactory(pseudonym="Morgan", preferred_language="fr"))

    english = log_rows(client, people["english_reader"], by_english)
    french = log_rows(client, people["french_reader"], by_english)
    assert log_rows(client, people["english_reader"], by_french) == english
    assert log_rows(client, people["french_reader"], by_french) == french
    assert ["Camille", f"Content hidden · Moderator · {IN_ENGLISH}", "Hors charte"] in english
    assert ["Camille", f"Contenu masqué · Modérateur·rice · {IN_FRENCH}", "Hors charte"] in french


def test_an_escalation_after_72_hours_gives_its_reason_in_each_readers_language(people):
    group = make_group(people["moderator"], name="Sommeil et douleur")
    join(group, people["author"])
    post = post_create(actor=people["author"], thread=a_thread(group, people["moderator"], title=TITLE),
                       body="Je ne dors plus.")
    with translation.override("de"):
        report = report_create(actor=join(group), target=post, category="spam")
    assert reports_escalate_due(now=report.created_at + timedelta(hours=73)) == 1
    entry = ModerationLogEntry.objects.get(action=LogAction.ESCALATED)
    assert (entry.reason_code, entry.reason) == (LogReason.ESCALATED_AFTER_DELAY, "")
    with translation.override("en"):
        assert (entry.target_display, entry.reason_display) == (
            IN_ENGLISH, "If the group has not decided after 72 hours, the report is passed on to the platform team.")
    with translation.override("fr"):
        assert entry.reason_display.startswith("Sans décision du groupe après 72 heures")


def test_a_report_about_the_group_itself_is_logged_with_a_reason_code_not_the_reporters_words():
    group = make_group(name="Sommeil et douleur")
    with translation.override("en"):
        report_create(actor=join(group, UserFactory(preferred_language="en")), target=group, category="other")
    entry = ModerationLogEntry.objects.get(action=LogAction.ESCALATED)
    assert (entry.target_kind, entry.reason_code, entry.reason) == ("group", LogReason.ESCALATED_ABOUT_GROUP, "")
    with translation.override("fr"):
        assert entry.target_display == "Le groupe « Sommeil et douleur »"
        assert entry.reason_display.startswith("Un signalement concernant le groupe lui-même")


def test_which_decision_staff_took_is_a_code_worded_for_each_reader(people):
    group = make_group(people["moderator"], name="Sommeil et douleur")
    join(group, people["author"])
    post = post_create(actor=people["author"], thread=a_thread(group, people["moderator"], title=TITLE),
                       body="Je ne dors plus.")
    report = report_create(actor=join(group), target=post, category="spam")
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.ESCALATED, escalated_at=timezone.now())
    report.refresh_from_db()
    with translation.override("en"):
        staff_report_decide(actor=UserFactory(is_staff=True), report=report, action=DecisionAction.HIDE,
                            reason="Publicité")
    entry = ModerationLogEntry.objects.get(action=LogAction.STAFF_ACTION)
    assert (entry.reason_code, entry.reason) == (LogReason.STAFF_HIDE, "Publicité")
    with translation.override("fr"):
        assert entry.reason_display == "Masquer le contenu : Publicité"
    with translation.override("en"):
        assert entry.reason_display == "Hide the content: Publicité"


def test_a_closed_account_reads_former_member_in_each_readers_language_whoever_loaded_the_page():
    group = make_group(name="Sommeil et douleur")
    volunteer = join(group)
    proposal = role_volunteer(actor=volunteer, group=group, role=RoleKind.HOST)
    account_delete(actor=volunteer, member=volunteer)
    window_passed(proposal)
    with translation.override("en"):  # the language of whoever's page settled the proposal
        proposal_settle_due(group=group)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.LAPSED
    entry = ModerationLogEntry.objects.get(action=LogAction.PROPOSAL_LAPSED)
    assert (entry.actor_name, entry.target_facts["name"]) == ("", "")
    with translation.override("fr"):
        assert (entry.actor_display, entry.target_display) == ("ancien membre", "ancien membre")
    with translation.override("de"):
        assert (entry.actor_display, entry.target_display) == ("ehemaliges Mitglied", "ehemaliges Mitglied")


def test_the_log_refuses_translated_text():
    from django.utils.translation import gettext_lazy

    from moderation.services.log import log_entry_write

    group = make_group()
    with pytest.raises(TypeError):
        log_entry_write(actor=group.created_by, group=group, action=LogAction.CONTENT_HIDDEN,
                        target=gettext_lazy("Contenu masqué"))
