"""A notification points at what it is about through a content type and an id, and an e-mail
choice is made per kind. This adds the columns; the next migration fills them from the old
ones, the one after drops those. (Each step in its own transaction: PostgreSQL refuses to
alter a table whose rows were changed earlier in the same transaction.)"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="notification", name="notification_known_kind"),
        migrations.RemoveConstraint(model_name="notification", name="notification_about_one_thing"),
        migrations.RemoveConstraint(model_name="notification", name="notification_once_per_post"),
        migrations.AlterField(model_name="notification", name="kind", field=models.CharField(max_length=40)),
        migrations.AddField(
            model_name="notification", name="subject_type",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="contenttypes.contenttype"),
        ),
        migrations.AddField(model_name="notification", name="subject_id",
                            field=models.PositiveBigIntegerField(null=True)),
        migrations.AlterField(
            model_name="notificationpreference", name="member",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                    related_name="notification_preferences", to=settings.AUTH_USER_MODEL),
        ),
        # One choice for everything until now: the rows become the choice for replies, and the
        # next migration copies it to every other kind.
        migrations.AddField(model_name="notificationpreference", name="kind",
                            field=models.CharField(default="reply", max_length=40), preserve_default=False),
    ]
