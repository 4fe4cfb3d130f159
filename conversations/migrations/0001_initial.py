"""Private conversations, until now in the forums app: the same tables, taken over as they are."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("forums", "0006_notifications_and_conversations_leave"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Conversation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("last_message_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("first_member", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                           to=settings.AUTH_USER_MODEL)),
                        ("second_member", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                            to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "forums_conversation",
                        "ordering": ["-last_message_at", "-pk"],
                        "indexes": [
                            models.Index(fields=["first_member", "-last_message_at"], name="conversation_first_recent"),
                            models.Index(fields=["second_member", "-last_message_at"], name="conversation_second_recent"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("first_member", "second_member"),
                                                    name="conversation_one_per_pair"),
                            models.CheckConstraint(condition=models.Q(("first_member__lt", models.F("second_member"))),
                                                   name="conversation_ordered_pair"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PrivateMessage",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("body", models.TextField()),
                        ("body_html", models.TextField(editable=False)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("conversation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                           related_name="messages", to="conversations.conversation")),
                        ("sender", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                     to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "forums_privatemessage",
                        "ordering": ["created_at", "pk"],
                        "indexes": [models.Index(fields=["conversation", "created_at"], name="private_message_in_order")],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("body", ""), _negated=True),
                                                   name="private_message_not_empty"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
