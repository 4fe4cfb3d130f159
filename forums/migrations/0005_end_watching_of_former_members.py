"""Members who left a group, or were removed, before leaving ended the watching: what they
still watched there, and the notifications about its posts, go (forums.services.notifications
.watching_end does the same from now on)."""

from django.db import migrations
from django.db.models import Exists, OuterRef, Q


def end_watching_of_former_members(apps, schema_editor):
    Membership = apps.get_model("entraide", "Membership")
    Notification = apps.get_model("forums", "Notification")
    Subscription = apps.get_model("forums", "Subscription")

    def belongs_to(member_field, group_field):
        return Exists(Membership.objects.filter(user=OuterRef(member_field), group=OuterRef(group_field)))

    Subscription.objects.filter(
        Q(group__isnull=False) & ~belongs_to("member", "group")
        | Q(thread__isnull=False) & ~belongs_to("member", "thread__group")
    ).delete()
    Notification.objects.filter(post__isnull=False).exclude(belongs_to("recipient", "post__group")).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("forums", "0004_thread_content_version"),
    ]

    operations = [
        migrations.RunPython(end_watching_of_former_members, migrations.RunPython.noop),
    ]
