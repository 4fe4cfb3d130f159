"""A notification points at what it is about only through its content type and id."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0003_subjects_and_kinds_of_existing_rows"),
    ]

    operations = [
        migrations.RemoveField(model_name="notification", name="post"),
        migrations.RemoveField(model_name="notification", name="message"),
        migrations.AlterField(
            model_name="notification", name="subject_type",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="contenttypes.contenttype"),
        ),
        migrations.AlterField(model_name="notification", name="subject_id", field=models.PositiveBigIntegerField()),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(fields=("recipient", "subject_type", "subject_id"),
                                               name="notification_once_per_subject"),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["subject_type", "subject_id"], name="notification_subject"),
        ),
        migrations.AddConstraint(
            model_name="notificationpreference",
            constraint=models.UniqueConstraint(fields=("member", "kind"), name="notification_preference_once_per_kind"),
        ),
    ]
