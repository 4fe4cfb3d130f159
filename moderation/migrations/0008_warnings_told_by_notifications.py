"""A private warning is told by a notification instead of a read flag of its own: each warning
still unread becomes an unread notification, counted in its member's unread count. Members who
had chosen one way to hear of every notification hear of warnings that way too. Backwards, a
warning is read unless its notification is not."""

from collections import Counter

from django.db import migrations
from django.db.models import F

KIND = "moderation_warning"


def warnings_to_notifications(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    MemberWarning = apps.get_model("moderation", "MemberWarning")
    Notification = apps.get_model("notifications", "Notification")
    NotificationInbox = apps.get_model("notifications", "NotificationInbox")
    NotificationPreference = apps.get_model("notifications", "NotificationPreference")
    unread = list(MemberWarning.objects.filter(read_at__isnull=True, withdrawn_at__isnull=True))
    if unread:
        warning_type = ContentType.objects.get_or_create(app_label="moderation", model="memberwarning")[0]
        Notification.objects.bulk_create([
            Notification(recipient_id=warning.member_id, kind=KIND, subject_type=warning_type,
                         subject_id=warning.pk, created_at=warning.created_at)
            for warning in unread
        ])
        for member_id, count in Counter(warning.member_id for warning in unread).items():
            NotificationInbox.objects.get_or_create(member_id=member_id)
            NotificationInbox.objects.filter(member_id=member_id).update(unread=F("unread") + count)
    NotificationPreference.objects.bulk_create([
        NotificationPreference(member_id=choice.member_id, kind=KIND, email_frequency=choice.email_frequency,
                               updated_at=choice.updated_at)
        for choice in NotificationPreference.objects.filter(kind="reply")
    ], ignore_conflicts=True)


def notifications_to_warnings(apps, schema_editor):
    MemberWarning = apps.get_model("moderation", "MemberWarning")
    Notification = apps.get_model("notifications", "Notification")
    NotificationInbox = apps.get_model("notifications", "NotificationInbox")
    NotificationPreference = apps.get_model("notifications", "NotificationPreference")
    told = Notification.objects.filter(kind=KIND)
    read_at = dict(told.values_list("subject_id", "read_at"))
    for warning in MemberWarning.objects.all():
        # No notification: read before warnings were told by notifications, or withdrawn.
        warning.read_at = read_at[warning.pk] if warning.pk in read_at else warning.created_at
        warning.save(update_fields=["read_at"])
    for member_id, count in Counter(told.filter(read_at__isnull=True).values_list("recipient_id", flat=True)).items():
        NotificationInbox.objects.filter(member_id=member_id).update(unread=F("unread") - count)
    told.delete()
    NotificationPreference.objects.filter(kind=KIND).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0007_crisis_lines_de_at_it_lu"),
        ("notifications", "0005_notificationinbox"),
    ]

    operations = [
        migrations.RunPython(warnings_to_notifications, notifications_to_warnings),
    ]
