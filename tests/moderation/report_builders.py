"""A tiny reportable for tests, and reports, decisions and removals built through the services.

`Note` stands for forum posts and chat messages: a proxy of a membership (so it belongs to a
group and has an author) whose hidden state is kept in HIDDEN, so hiding and restoring can be
tested before the forum and the chat exist."""

import pytest
from django.contrib.contenttypes.models import ContentType

from entraide import registry
from entraide.models import Membership
from moderation import reportables
from moderation.models import DecisionAction, RoleKind
from moderation.services.decisions import report_decide
from moderation.services.reports import report_create

from .builders import give_role

HIDDEN: set[int] = set()


class Note(Membership):
    class Meta:
        proxy = True
        app_label = "moderation"


def _set_hidden(note, hidden: bool) -> None:
    (HIDDEN.add if hidden else HIDDEN.discard)(note.pk)


NOTE = reportables.Reportable(
    kind="note",
    model=Note,
    group_of=lambda note: note.group,
    author_of=lambda note: note.user,
    facts=lambda note: {"name": note.user.pseudonym},
    describe=lambda facts: f"Message de {facts['name']}",
    url_of=lambda note: note.group.get_absolute_url(),
    set_hidden=_set_hidden,
)


@pytest.fixture
def notes():
    """Register the test kind for one test. Its content type row is made within the test's
    transaction, so the cache of content types must forget it after each test."""
    ContentType.objects.clear_cache()
    HIDDEN.clear()
    registry.reportable_kinds.register(NOTE.kind, NOTE)
    yield HIDDEN
    registry.reportable_kinds.unregister(NOTE.kind)
    HIDDEN.clear()
    ContentType.objects.clear_cache()


def note_by(user, group) -> Note:
    return Note.objects.select_related("group", "user").get(group=group, user=user)


def membership_of(user, group) -> Membership:
    return Membership.objects.select_related("group", "user").get(group=group, user=user)


def moderator_of(group, user):
    return give_role(group, user, RoleKind.MODERATOR)


def reported_note(group, author, reporter, category="disrespect", note=""):
    return report_create(actor=reporter, target=note_by(author, group), category=category, note=note)


def decided(report, moderator, action=DecisionAction.HIDE, reason="Propos blessants envers un membre", **extra):
    return report_decide(actor=moderator, report=report, action=action, reason=reason, **extra)
