"""Existing rows in the new columns: a notification about a post or a private message points
at it by content type and id; a member's one e-mail choice becomes their choice for each kind
there was then. Backwards, the other way round: the choice for replies stays the one choice."""

from django.db import migrations
from django.db.models import F

# The kinds there were while members had one choice for all of them.
KINDS_THEN = ["reply", "mention", "thread_post", "forum_thread", "private_message"]


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def subjects_and_kinds(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    NotificationPreference = apps.get_model("notifications", "NotificationPreference")
    if Notification.objects.filter(post__isnull=False).exists():
        Notification.objects.filter(post__isnull=False).update(
            subject_type=_content_type(apps, "forums", "post"), subject_id=F("post"))
    if Notification.objects.filter(message__isnull=False).exists():
        Notification.objects.filter(message__isnull=False).update(
            subject_type=_content_type(apps, "conversations", "privatemessage"), subject_id=F("message"))
    NotificationPreference.objects.bulk_create([
        NotificationPreference(member_id=choice.member_id, kind=kind, email_frequency=choice.email_frequency,
                               updated_at=choice.updated_at)
        for choice in NotificationPreference.objects.filter(kind="reply") for kind in KINDS_THEN if kind != "reply"
    ])


def posts_messages_and_one_choice(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Notification = apps.get_model("notifications", "Notification")
    NotificationPreference = apps.get_model("notifications", "NotificationPreference")
    post_type = ContentType.objects.filter(app_label="forums", model="post").first()
    message_type = ContentType.objects.filter(app_label="conversations", model="privatemessage").first()
    if post_type is not None:
        Notification.objects.filter(subject_type=post_type).update(post=F("subject_id"))
    if message_type is not None:
        Notification.objects.filter(subject_type=message_type).update(message=F("subject_id"))
    # One row per member: the choice for replies where they made one, else their first.
    kept = {}
    for choice in NotificationPreference.objects.order_by("member_id", "pk"):
        if choice.member_id not in kept or choice.kind == "reply":
            kept[choice.member_id] = choice.pk
    NotificationPreference.objects.exclude(pk__in=kept.values()).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("conversations", "0001_initial"),
        ("forums", "0006_notifications_and_conversations_leave"),
        ("notifications", "0002_subject_and_kind_columns"),
    ]

    operations = [
        migrations.RunPython(subjects_and_kinds, posts_messages_and_one_choice),
    ]
