"""The crisis lines a new installation starts with (moderation/data/crisis_lines.py)."""

from django.db import migrations

from moderation.data.crisis_lines import crisis_line_rows


def add_default_lines(apps, schema_editor):
    CrisisLine = apps.get_model("moderation", "CrisisLine")
    if CrisisLine.objects.exists():
        return
    CrisisLine.objects.bulk_create(CrisisLine(**row) for row in crisis_line_rows())


def remove_default_lines(apps, schema_editor):
    CrisisLine = apps.get_model("moderation", "CrisisLine")
    for row in crisis_line_rows():
        CrisisLine.objects.filter(country=row["country"], language=row["language"], phone=row["phone"]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0004_crisisline_memberblock_membermute"),
    ]

    operations = [
        migrations.RunPython(add_default_lines, remove_default_lines),
    ]
