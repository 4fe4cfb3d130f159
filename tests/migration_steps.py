"""Moving the test database back to an earlier schema and forward again, for the tests of
migrations that move or reshape rows. Such a test is transactional (migrations run their own
transactions) and asks for a serialized rollback: the reference data that migrations insert
(themes, regions, crisis lines) is back for the tests after it."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Steps:
    def __init__(self):
        self.executor = MigrationExecutor(connection)

    def to(self, targets):
        """Migrate to `targets` ([(app, migration name)], or None for none of an app's); the
        historical models there."""
        self.executor.loader.build_graph()
        self.executor.migrate(targets)
        ContentType.objects.clear_cache()
        self.executor.loader.build_graph()
        return self.executor.loader.project_state([node for node in targets if node[1] is not None]).apps

    def to_latest(self):
        self.executor.loader.build_graph()
        return self.to(self.executor.loader.graph.leaf_nodes())
