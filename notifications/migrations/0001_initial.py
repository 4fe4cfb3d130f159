"""Notifications and e-mail choices, until now in the forums app: the same tables, taken over
as they are; the next migrations make a notification point at anything."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("conversations", "0001_initial"),
        ("forums", "0006_notifications_and_conversations_leave"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(max_length=20)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("emailed_at", models.DateTimeField(blank=True, null=True)),
                        ("post", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                                   related_name="+", to="forums.post")),
                        ("recipient", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                        related_name="notifications", to=settings.AUTH_USER_MODEL)),
                        ("message", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                                      related_name="+", to="conversations.privatemessage")),
                    ],
                    options={
                        "db_table": "forums_notification",
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [
                            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
                            models.Index(fields=["emailed_at", "read_at"], name="notification_to_mail"),
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("kind__in", ["reply", "mention", "thread_post", "forum_thread",
                                                                 "private_message"])),
                                name="notification_known_kind"),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("kind", "private_message"), ("message__isnull", False),
                                             ("post__isnull", True)),
                                    models.Q(models.Q(("kind", "private_message"), _negated=True),
                                             ("post__isnull", False), ("message__isnull", True)),
                                    _connector="OR"),
                                name="notification_about_one_thing"),
                            models.UniqueConstraint(condition=models.Q(("post__isnull", False)),
                                                    fields=("recipient", "post"), name="notification_once_per_post"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="NotificationPreference",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("email_frequency", models.CharField(
                            choices=[("immediate", "Tout de suite, un e-mail par notification"),
                                     ("daily", "Un résumé par jour"), ("never", "Jamais")],
                            default="daily", max_length=10)),
                        ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("member", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                                        related_name="notification_preference",
                                                        to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "forums_notificationpreference",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("email_frequency__in", ["immediate", "daily", "never"])),
                                name="notification_preference_known_frequency"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
