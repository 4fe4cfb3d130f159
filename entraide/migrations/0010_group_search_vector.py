"""PostgreSQL keeps each group's search vector in a stored generated column, indexed by GIN.

The expression index of 0008 found the matches, but a page of the directory is read in name
order, and each group walked on the way had its vector computed again from search_text: at
100,000 groups a search for one word took 56 ms, with the column 2 ms (docs/performance.md).
The column is the database's own, computed from search_text on every write (a service's, a
bulk one), and outside Django's model: nothing reads it but entraide.selectors.directory_text.
A later migration that changes search_text's type must drop and add it again. SQLite keeps its
FTS5 table (0008)."""

from django.db import migrations

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS entraide_group_search_fts",
    "ALTER TABLE entraide_group ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX entraide_group_search_fts ON entraide_group USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS entraide_group_search_fts",
    "ALTER TABLE entraide_group DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX entraide_group_search_fts ON entraide_group "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("entraide", "0009_directory_region_index"),
    ]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
