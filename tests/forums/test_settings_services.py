"""A member's content-warning preferences and a forum's settings, through their services."""

import pytest
from django.contrib.auth.models import AnonymousUser

from entraide.errors import DomainError, NotAllowed
from entraide.permissions import ROLE_HOLDERS_EDIT, SIGN_IN_FIRST
from forums.models import ContentWarning, ContentWarningPreference, ForumSettings, WarningChoice
from forums.services.settings import cw_preference_set, forum_settings_update
from tests.factories import UserFactory

from .builders import forum

pytestmark = pytest.mark.django_db


def test_warning_preferences_are_one_per_warning_and_checked():
    member = UserFactory()
    cw_preference_set(actor=member, warning=ContentWarning.EATING, choice=WarningChoice.HIDE)
    cw_preference_set(actor=member, warning=ContentWarning.EATING, choice=WarningChoice.SHOW)
    assert list(ContentWarningPreference.objects.values_list("warning", "choice")) == [("eating", "show")]
    with pytest.raises(DomainError):
        cw_preference_set(actor=member, warning="spiders", choice=WarningChoice.HIDE)
    with pytest.raises(DomainError):
        cw_preference_set(actor=member, warning=ContentWarning.EATING, choice="maybe")


def test_a_visitor_is_asked_to_sign_in_to_choose_warning_preferences():
    with pytest.raises(NotAllowed) as refused:
        cw_preference_set(actor=AnonymousUser(), warning=ContentWarning.EATING, choice=WarningChoice.HIDE)
    assert refused.value.message == SIGN_IN_FIRST
    assert not ContentWarningPreference.objects.exists()


def test_only_a_listed_group_opens_its_forum_to_everyone_and_only_role_holders_decide():
    group, moderator, member = forum()
    with pytest.raises(NotAllowed) as refused:
        forum_settings_update(actor=member, group=group, readable_by_anyone=True)
    assert refused.value.message == ROLE_HOLDERS_EDIT
    assert forum_settings_update(actor=moderator, group=group, readable_by_anyone=True).readable_by_anyone
    hidden, hidden_creator, _member = forum(unlisted=True)
    with pytest.raises(DomainError, match="non répertorié"):
        forum_settings_update(actor=hidden_creator, group=hidden, readable_by_anyone=True)
    assert not ForumSettings.objects.filter(group=hidden).exists()
