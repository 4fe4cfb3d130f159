"""Telling, reading and withdrawing notifications of any kind, the unread count the services
keep in a column, and the e-mail choices per kind. A tiny kind about groups stands for the
kinds the apps register."""

import pytest
from django.contrib.auth.models import AnonymousUser

from entraide import registry
from entraide.errors import DomainError, NotFound
from entraide.models import Group
from entraide.registry import NotRegistered
from entraide.services.accounts import account_delete
from notifications import selectors, services
from notifications.kinds import NotificationKind
from notifications.models import EmailFrequency, Notification, NotificationInbox, NotificationPreference
from tests.factories import UserFactory, join, make_group

pytestmark = pytest.mark.django_db

GARDEN = NotificationKind(
    label="Jardin", model=Group,
    subjects=lambda ids, member: {group.pk: group for group in Group.objects.filter(pk__in=ids,
                                                                                     memberships__user=member)},
    text=lambda group: f"Du nouveau au jardin de « {group.name} ».", url=lambda group: group.get_absolute_url(),
    place=lambda group: group.name, default=EmailFrequency.NEVER,
)


@pytest.fixture
def garden():
    registry.notification_kinds.register("garden", GARDEN)
    yield "garden"
    registry.notification_kinds.unregister("garden")


@pytest.fixture
def people():
    anna, bruno = UserFactory(pseudonym="Anna"), UserFactory(pseudonym="Bruno")
    groups = [make_group(anna, name="Jardin partagé"), make_group(anna, name="Potager")]
    for group in groups:
        join(group, bruno)
    return groups, anna, bruno


def count(member) -> int:
    return selectors.unread_count(type(member).objects.get(pk=member.pk))


def test_telling_members_counts_each_notification_once_in_their_inbox(garden, people):
    groups, anna, bruno = people
    created = services.notification_send(kind=garden, subject=groups[0], recipient_ids=[anna.pk, bruno.pk, bruno.pk])
    assert sorted(notification.recipient_id for notification in created) == sorted([anna.pk, bruno.pk])
    assert services.notification_send(kind=garden, subject=groups[0], recipient_ids=[bruno.pk]) == []
    services.notification_send(kind=garden, subject=groups[1], recipient_ids=[bruno.pk])
    assert (count(anna), count(bruno)) == (1, 2)
    assert NotificationInbox.objects.get(member=bruno).unread == 2


def test_the_unread_count_is_one_row_read_in_one_query_and_none_for_a_visitor(garden, people,
                                                                             django_assert_num_queries):
    groups, anna, _bruno = people
    services.notification_send(kind=garden, subject=groups[0], recipient_ids=[anna.pk])
    with django_assert_num_queries(1) as captured:
        assert selectors.unread_count(anna) == 1
    assert "COUNT" not in captured.captured_queries[0]["sql"].upper()
    with django_assert_num_queries(0):
        assert selectors.unread_count(AnonymousUser()) == 0


def test_reading_one_all_or_what_a_page_showed_lowers_the_count_by_exactly_that(garden, people):
    groups, anna, bruno = people
    first, = services.notification_send(kind=garden, subject=groups[0], recipient_ids=[bruno.pk])
    services.notification_send(kind=garden, subject=groups[1], recipient_ids=[bruno.pk])
    services.notification_mark_read(actor=bruno, notification=first)
    services.notification_mark_read(actor=bruno, notification=Notification.objects.get(pk=first.pk))
    assert count(bruno) == 1
    assert services.notifications_mark_read_about(actor=bruno, subjects=Group.objects.filter(pk=groups[0].pk)) == 0
    assert services.notifications_mark_read_about(actor=bruno, subjects=groups[1]) == 1
    assert count(bruno) == 0
    services.notification_send(kind=garden, subject=make_group(anna, name="Verger"), recipient_ids=[bruno.pk])
    assert services.notifications_mark_all_read(actor=bruno) == 1
    assert count(bruno) == 0


def test_nobody_reads_someone_elses_notification_nor_learns_that_it_exists(garden, people):
    groups, anna, bruno = people
    notification, = services.notification_send(kind=garden, subject=groups[0], recipient_ids=[bruno.pk])
    with pytest.raises(NotFound):
        services.notification_mark_read(actor=anna, notification=notification)
    assert Notification.objects.get().read_at is None and count(bruno) == 1


def test_withdrawing_removes_what_was_told_of_a_thing_and_its_unread_part_of_each_count(garden, people):
    groups, anna, bruno = people
    services.notification_send(kind=garden, subject=groups[0], recipient_ids=[anna.pk, bruno.pk])
    services.notification_send(kind=garden, subject=groups[1], recipient_ids=[bruno.pk])
    services.notifications_mark_read_about(actor=anna, subjects=groups[0])
    assert services.notifications_withdraw(subjects=groups[0]) == 2
    assert (count(anna), count(bruno)) == (0, 1)
    assert services.notifications_withdraw(subjects=Group.objects.all(), recipient=anna) == 0
    assert services.notifications_withdraw(subjects=Group.objects.all(), recipient=bruno) == 1
    assert count(bruno) == 0 and not Notification.objects.exists()


def test_an_unknown_kind_or_a_subject_of_another_model_is_refused(garden, people):
    groups, anna, _bruno = people
    with pytest.raises(NotRegistered):
        services.notification_send(kind="weather", subject=groups[0], recipient_ids=[anna.pk])
    with pytest.raises(TypeError):
        services.notification_send(kind=garden, subject=anna, recipient_ids=[anna.pk])
    assert not Notification.objects.exists() and count(anna) == 0


def test_a_line_is_worded_by_its_kind_and_what_the_member_may_no_longer_read_is_not_shown(garden, people):
    groups, anna, bruno = people
    for group in groups:
        services.notification_send(kind=garden, subject=group, recipient_ids=[bruno.pk])
    groups[1].memberships.filter(user=bruno).delete()
    lines = selectors.notification_page(bruno, 1)["page"].object_list
    assert [(line.text, line.place, line.url, line.kind_label) for line in lines] == [
        ("Du nouveau au jardin de « Jardin partagé ».", "Jardin partagé", groups[0].get_absolute_url(), "Jardin")]
    registry.notification_kinds.unregister(garden)
    try:
        assert selectors.notification_page(bruno, 1)["page"].object_list == []
    finally:
        registry.notification_kinds.register(garden, GARDEN)


def test_e_mail_choices_are_per_kind_and_default_to_the_kinds_own(garden, people):
    _groups, anna, bruno = people
    assert selectors.email_frequencies(anna)[garden] == EmailFrequency.NEVER
    assert selectors.email_frequencies(anna)["reply"] == EmailFrequency.DAILY
    services.notification_preferences_set(actor=anna, choices={garden: EmailFrequency.IMMEDIATE,
                                                               "reply": EmailFrequency.NEVER})
    services.notification_preferences_set(actor=anna, choices={"reply": EmailFrequency.DAILY})
    assert selectors.email_frequency(anna, garden) == EmailFrequency.IMMEDIATE
    assert selectors.email_frequencies_of([anna.pk, bruno.pk], "reply") == {anna.pk: EmailFrequency.DAILY,
                                                                            bruno.pk: EmailFrequency.DAILY}
    assert NotificationPreference.objects.filter(member=anna).count() == 2


@pytest.mark.parametrize("choices, message", [({"weather": "daily"}, "n'existe pas"),
                                              ({"reply": "hourly"}, "à quelle fréquence")])
def test_an_unknown_kind_or_frequency_is_refused_and_nothing_is_stored(people, choices, message):
    _groups, anna, _bruno = people
    with pytest.raises(DomainError, match=message):
        services.notification_preferences_set(actor=anna, choices={"mention": "never", **choices})
    assert not NotificationPreference.objects.exists()


def test_unsubscribing_stops_every_kind_of_mail(garden, people):
    _groups, anna, _bruno = people
    services.notifications_unsubscribe(token=services.unsubscribe_token(anna))
    assert set(selectors.email_frequencies(anna).values()) == {EmailFrequency.NEVER}
    assert set(NotificationPreference.objects.filter(member=anna).values_list("kind", flat=True)) == set(
        registry.notification_kinds)


def test_a_deleted_account_leaves_no_notification_choice_or_count(garden, people):
    groups, anna, bruno = people
    services.notification_send(kind=garden, subject=groups[0], recipient_ids=[anna.pk, bruno.pk])
    services.notification_preferences_set(actor=bruno, choices={garden: EmailFrequency.DAILY})
    account_delete(actor=bruno, member=bruno)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [anna.pk]
    assert not NotificationPreference.objects.exists()
    assert not NotificationInbox.objects.filter(member=bruno).exists()
