from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0008_warnings_told_by_notifications"),
    ]

    operations = [
        migrations.RemoveField(model_name="memberwarning", name="read_at"),
    ]
