"""The directory's full-text index over Group.search_text (entraide/selectors/directory_text.py).

SQLite: an external-content FTS5 table, filled from the existing rows and kept by triggers on
entraide_group, so that every write to search_text (a service's, a bulk one) reaches it. These
triggers are the only logic in the database; they hold no rule of the product, only the index.
A later migration that makes SQLite rebuild entraide_group (Django copies the table) drops
them: tests/entraide/test_directory_text_selectors.py checks they are there after every
migration. PostgreSQL: a GIN expression index, which the database keeps itself."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE entraide_group_fts USING fts5(search_text, content='entraide_group', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO entraide_group_fts(entraide_group_fts) VALUES ('rebuild')",
    "CREATE TRIGGER entraide_group_fts_insert AFTER INSERT ON entraide_group BEGIN "
    "INSERT INTO entraide_group_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER entraide_group_fts_delete AFTER DELETE ON entraide_group BEGIN "
    "INSERT INTO entraide_group_fts(entraide_group_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER entraide_group_fts_update AFTER UPDATE OF search_text ON entraide_group BEGIN "
    "INSERT INTO entraide_group_fts(entraide_group_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO entraide_group_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS entraide_group_fts_update",
    "DROP TRIGGER IF EXISTS entraide_group_fts_delete",
    "DROP TRIGGER IF EXISTS entraide_group_fts_insert",
    "DROP TABLE IF EXISTS entraide_group_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX entraide_group_search_fts ON entraide_group "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS entraide_group_search_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("entraide", "0006_group_stopped_at"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
