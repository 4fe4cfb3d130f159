"""The crisis lines of Germany, Austria, Italy and Luxembourg, for databases that got their first
lines before these countries were among the defaults (moderation/data/crisis_lines.py). A
country that already has a line, one staff added or one a newer 0005 wrote, is left as it is."""

from django.db import migrations

from moderation.data.crisis_lines import LATER_COUNTRIES, crisis_line_rows


def add_later_countries(apps, schema_editor):
    CrisisLine = apps.get_model("moderation", "CrisisLine")
    present = set(CrisisLine.objects.filter(country__in=LATER_COUNTRIES).values_list("country", flat=True))
    missing = [country for country in LATER_COUNTRIES if country not in present]
    if missing:
        CrisisLine.objects.bulk_create(CrisisLine(**row) for row in crisis_line_rows(missing))


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0006_subjects_as_facts"),
    ]

    operations = [
        # Going back leaves the lines: staff may have changed them since, and no schema needs them gone.
        migrations.RunPython(add_later_countries, migrations.RunPython.noop),
    ]
