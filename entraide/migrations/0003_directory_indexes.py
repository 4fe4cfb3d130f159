"""Indexes for the group directory, by database, since what helps differs.

SQLite: a covering index over the listed groups' folded text and facet columns, so the
free-text scan and the facet counts read a narrow index instead of whole rows.
PostgreSQL: a trigram index for LIKE '%word%' on the folded text (pg_trgm is a trusted
extension: a database owner may install it; without it the scan stays sequential), and a
narrow index for the facet counts. A B-tree over search_text is not possible there: a long
description would exceed the size of an index row.
"""

from django.db import DatabaseError, migrations, transaction

SQLITE = [
    "CREATE INDEX IF NOT EXISTS group_directory_scan ON entraide_group "
    "(visibility, search_text, region_id, format, kind, audience)",
]
POSTGRESQL = [
    "CREATE INDEX IF NOT EXISTS group_directory_facets ON entraide_group "
    "(visibility) INCLUDE (region_id, format, kind, audience)",
]
POSTGRESQL_TRIGRAM = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS group_search_text_trgm ON entraide_group USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS group_directory_scan", "DROP INDEX IF EXISTS group_directory_facets",
        "DROP INDEX IF EXISTS group_search_text_trgm"]


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        statements = SQLITE
    elif connection.vendor == "postgresql":
        statements = POSTGRESQL
        try:
            # A savepoint: if the extension may not be installed here, the rest still applies.
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                for statement in POSTGRESQL_TRIGRAM:
                    cursor.execute(statement)
        except DatabaseError:
            pass
    else:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor not in {"sqlite", "postgresql"}:
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in DROP:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("entraide", "0002_taxonomy")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
