"""Notifications and private conversations become apps of their own (notifications,
conversations): their models leave the forums app's state only. Their tables and rows stay
where they are, under the same names, and their content types move with them, so that what
points at them by content type keeps pointing at them."""

from django.db import migrations

MOVED = {
    "notification": "notifications",
    "notificationpreference": "notifications",
    "privatemessage": "conversations",
    "conversation": "conversations",
}


def _move_content_types(apps, *, forward: bool) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app in MOVED.items():
        source, target = ("forums", app) if forward else (app, "forums")
        if ContentType.objects.filter(app_label=source, model=model).exists():
            # A row made for the target before this ran is referenced by nothing yet.
            ContentType.objects.filter(app_label=target, model=model).delete()
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def content_types_leave(apps, schema_editor):
    _move_content_types(apps, forward=True)


def content_types_come_back(apps, schema_editor):
    _move_content_types(apps, forward=False)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("forums", "0005_end_watching_of_former_members"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="NotificationPreference"),
                migrations.DeleteModel(name="PrivateMessage"),
                migrations.DeleteModel(name="Conversation"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_leave, content_types_come_back),
    ]
