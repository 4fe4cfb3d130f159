"""Notifications and private conversations leave the forums app for apps of their own, and a
private warning is told by a notification instead of a read flag of its own: a database filled
at the schema before (forums 0005, moderation 0007) finds every row afterwards, each where it
belongs, and finds them again when migrated back. Runs on SQLite and on PostgreSQL."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from conversations.models import Conversation, PrivateMessage
from forums.models import Post, Subscription
from forums.services.posts import post_create
from moderation.models import DecisionAction, MemberWarning
from moderation.services.decisions import report_decide
from moderation.services.reports import report_create
from notifications import selectors
from notifications.models import Notification, NotificationPreference
from tests.forums.builders import a_thread
from tests.migration_steps import Steps

from .builders import group_of, seasoned

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("forums", "0005_end_watching_of_former_members"), ("moderation", "0007_crisis_lines_de_at_it_lu"),
          ("notifications", None), ("conversations", None)]
MOVED = {"notification": "notifications", "notificationpreference": "notifications",
         "conversation": "conversations", "privatemessage": "conversations"}
KINDS_THEN = {"reply", "mention", "thread_post", "forum_thread", "private_message"}


@pytest.fixture
def steps():
    steps = Steps()
    yield steps
    steps.to_latest()


@pytest.fixture
def scene():
    """Written through today's services: a forum thread, and two private warnings to Bruno from
    Anna, who founded the group and moderates it."""
    anna, bruno, chloe = seasoned(pseudonym="Anna"), seasoned(pseudonym="Bruno"), seasoned(pseudonym="Chloé")
    group = group_of(anna, bruno, chloe, name="Nuits blanches")
    thread = a_thread(group, anna, title="Dormir malgré tout")
    posts = [thread.posts.get(number=1)] + [
        post_create(actor=author, thread=thread, body=body)
        for author, body in ((bruno, "Pareil ici."), (chloe, "@Anna merci"), (bruno, "Un mot de trop"))
    ]
    warnings = []
    for post in posts[1], posts[3]:
        report = report_create(actor=chloe, target=post, category="disrespect")
        decision = report_decide(actor=anna, report=report, action=DecisionAction.WARN,
                                 reason="Merci de rester bienveillant")
        warnings.append(MemberWarning.objects.get(decision=decision))
    types = {model: ContentType.objects.get(app_label=app, model=model).pk for model, app in MOVED.items()}
    return group, thread, posts, (anna, bruno, chloe), warnings, types


def fill_before(old, group, thread, posts, people, warnings):
    """The rows of the schema before, written with its own models."""
    anna, bruno, chloe = people
    at = timezone.now() - timedelta(days=3)
    old.get_model("forums", "Notification").objects.all().delete()  # what today's services told
    Conversation_ = old.get_model("forums", "Conversation")
    Message = old.get_model("forums", "PrivateMessage")
    Notification_ = old.get_model("forums", "Notification")
    first, second = sorted([anna, bruno], key=lambda member: member.pk)
    conversation = Conversation_.objects.create(first_member_id=first.pk, second_member_id=second.pk,
                                                created_at=at, last_message_at=at)
    to_bruno = Message.objects.create(conversation=conversation, sender_id=anna.pk, body="Bonjour Bruno",
                                      body_html="<p>Bonjour Bruno</p>\n", created_at=at)
    to_anna = Message.objects.create(conversation=conversation, sender_id=bruno.pk, body="Bonjour Anna",
                                     body_html="<p>Bonjour Anna</p>\n", created_at=at, read_at=at)
    old.get_model("forums", "Post").objects.filter(pk=posts[3].pk).update(hidden_at=at)
    notifications = {
        "reply": Notification_.objects.create(recipient_id=anna.pk, kind="reply", post_id=posts[1].pk, created_at=at),
        "mention": Notification_.objects.create(recipient_id=anna.pk, kind="mention", post_id=posts[2].pk,
                                                created_at=at, read_at=at, emailed_at=at),
        "to_bruno": Notification_.objects.create(recipient_id=bruno.pk, kind="private_message",
                                                 message_id=to_bruno.pk, created_at=at, emailed_at=at),
        "to_anna": Notification_.objects.create(recipient_id=anna.pk, kind="private_message", message_id=to_anna.pk,
                                                created_at=at, read_at=at),
        "hidden": Notification_.objects.create(recipient_id=chloe.pk, kind="thread_post", post_id=posts[3].pk,
                                               created_at=at),
    }
    Preference = old.get_model("forums", "NotificationPreference")
    Preference.objects.create(member_id=anna.pk, email_frequency="immediate", updated_at=at)
    Preference.objects.create(member_id=bruno.pk, email_frequency="never", updated_at=at)
    Subscription_ = old.get_model("forums", "Subscription")
    watching = [Subscription_.objects.create(member_id=chloe.pk, thread_id=thread.pk, created_at=at).pk,
                Subscription_.objects.create(member_id=chloe.pk, group_id=group.pk, created_at=at).pk]
    Warning_ = old.get_model("moderation", "MemberWarning")
    Warning_.objects.filter(pk=warnings[0].pk).update(read_at=None)
    Warning_.objects.filter(pk=warnings[1].pk).update(read_at=at)
    return conversation, (to_bruno, to_anna), notifications, watching, at


def test_every_row_is_found_in_the_new_apps_and_again_after_migrating_back(scene, steps):
    group, thread, posts, people, warnings, types = scene
    anna, bruno, chloe = people

    old = steps.to(BEFORE)
    assert {row.model: row.pk for row in ContentType.objects.filter(app_label="forums", model__in=MOVED)} == types
    conversation, messages, told, watching, at = fill_before(old, group, thread, posts, people, warnings)

    steps.to_latest()

    # Conversations: the same rows under the new app.
    moved = Conversation.objects.get(pk=conversation.pk)
    assert (moved.first_member_id, moved.second_member_id) == (conversation.first_member_id,
                                                               conversation.second_member_id)
    assert [(m.pk, m.sender_id, m.body, m.read_at) for m in PrivateMessage.objects.filter(conversation=moved)] == [
        (m.pk, m.sender_id, m.body, m.read_at) for m in messages]

    # Notifications: the same rows, each pointing at its post or message through its content type.
    subjects = {"reply": posts[1], "mention": posts[2], "to_bruno": messages[0], "to_anna": messages[1],
                "hidden": posts[3]}
    for name, before in told.items():
        after = Notification.objects.get(pk=before.pk)
        expected = subjects[name]
        model = Post if name in ("reply", "mention", "hidden") else PrivateMessage
        assert (after.recipient_id, after.kind, after.created_at, after.emailed_at) == (
            before.recipient_id, before.kind, before.created_at, before.emailed_at), name
        assert (after.subject_type.model_class(), after.subject_id) == (model, expected.pk), name
        assert isinstance(after.subject, model)
        if name == "hidden":  # about a post hidden since: the list no longer shows it, nor counts it
            assert after.read_at is not None
        else:
            assert after.read_at == before.read_at, name

    # The unread warning is an unread notification now; the read one is not told again.
    [warned] = Notification.objects.filter(kind="moderation_warning")
    assert (warned.recipient_id, warned.subject_id, warned.read_at) == (bruno.pk, warnings[0].pk, None)
    assert not hasattr(MemberWarning(), "read_at")

    # The unread counts are columns that match what the lists show.
    for member, expected in ((anna, 1), (bruno, 2), (chloe, 0)):
        member = type(member).objects.get(pk=member.pk)
        assert selectors.unread_count(member) == expected
        page = selectors.notification_page(member, 1)["page"]
        assert len([line for line in page.object_list if line.is_unread]) == expected
    assert "Bruno a répondu à votre message dans « Dormir malgré tout »." in [
        line.text for line in selectors.notification_page(anna, 1)["page"].object_list]

    # One e-mail choice for everything became the same choice for each kind, warnings included.
    # (kinds registered since then, meetings' for one, start at their defaults)
    chosen_then = {key: value for key, value in selectors.email_frequencies(anna).items()
                   if key in KINDS_THEN | {"moderation_warning"}}
    assert chosen_then == {key: "immediate" for key in KINDS_THEN | {"moderation_warning"}}
    assert set(NotificationPreference.objects.filter(member=bruno).values_list("kind", "email_frequency")) == {
        (kind, "never") for kind in KINDS_THEN | {"moderation_warning"}}
    assert not NotificationPreference.objects.filter(member=chloe).exists()

    # What Chloé watches stays with the forum; content types and permissions moved with the models.
    assert sorted(Subscription.objects.filter(member=chloe).values_list("pk", flat=True)) == sorted(watching)
    for model, app in MOVED.items():
        assert ContentType.objects.get(pk=types[model]).app_label == app
        assert Permission.objects.filter(content_type=types[model], codename=f"view_{model}").exists()

    old = steps.to(BEFORE)

    Notification_ = old.get_model("forums", "Notification")
    assert set(Notification_.objects.values_list("pk", "recipient_id", "kind", "post_id", "message_id")) == {
        (row.pk, row.recipient_id, row.kind, row.post_id, row.message_id) for row in told.values()}
    assert set(old.get_model("forums", "PrivateMessage").objects.values_list("pk", flat=True)) == {
        message.pk for message in messages}
    assert dict(old.get_model("forums", "NotificationPreference").objects.values_list("member_id", "email_frequency")) == {
        anna.pk: "immediate", bruno.pk: "never"}
    Warning_ = old.get_model("moderation", "MemberWarning")
    assert Warning_.objects.get(pk=warnings[0].pk).read_at is None
    assert Warning_.objects.get(pk=warnings[1].pk).read_at is not None
    assert {row.model: row.pk for row in ContentType.objects.filter(app_label="forums", model__in=MOVED)} == types
