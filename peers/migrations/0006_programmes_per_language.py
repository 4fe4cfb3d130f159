"""One programme per language region, so that coordinators can be given terms from the start."""

from django.db import migrations

LANGUAGES = ("fr", "de", "it", "en")


def create_programmes(apps, schema_editor):
    Programme = apps.get_model("peers", "Programme")
    for language in LANGUAGES:
        Programme.objects.get_or_create(language=language)


class Migration(migrations.Migration):

    dependencies = [
        ("peers", "0005_programme_decisions"),
    ]

    operations = [
        migrations.RunPython(create_programmes, migrations.RunPython.noop),
    ]
