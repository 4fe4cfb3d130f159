"""Each member's unread count becomes a column, kept by the services from now on.

It starts as the number of unread notifications the list shows: those about a post hidden or
deleted since, or in a group the member left, are not shown any more, and are marked read
here so that the count and the list agree."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone


def counts(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Notification = apps.get_model("notifications", "Notification")
    NotificationInbox = apps.get_model("notifications", "NotificationInbox")
    Post = apps.get_model("forums", "Post")
    post_type = ContentType.objects.filter(app_label="forums", model="post").first()
    if post_type is not None:
        shown = Post.objects.filter(pk=OuterRef("subject_id"), hidden_at__isnull=True,
                                    deleted_by_author_at__isnull=True, group__memberships__user=OuterRef("recipient"))
        Notification.objects.filter(subject_type=post_type, read_at__isnull=True).exclude(Exists(shown)).update(
            read_at=timezone.now())
    unread = Notification.objects.filter(read_at__isnull=True).order_by().values("recipient").annotate(n=Count("pk"))
    NotificationInbox.objects.bulk_create(
        [NotificationInbox(member_id=row["recipient"], unread=row["n"]) for row in unread], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("entraide", "0004_past_membership"),
        ("forums", "0006_notifications_and_conversations_leave"),
        ("notifications", "0004_subject_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NotificationInbox",
            fields=[
                ("member", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                related_name="notification_inbox", serialize=False,
                                                to=settings.AUTH_USER_MODEL)),
                ("unread", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(counts, migrations.RunPython.noop),
    ]
