from django.db import migrations


def load_taxonomy(apps, schema_editor):
    from entraide.data.taxonomy import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("entraide", "0001_initial")]
    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
