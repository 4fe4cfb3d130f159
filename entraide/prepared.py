"""ORM queries compiled once per process and database, then run with new values.

Building a query with subqueries costs Django about a millisecond of Python on every call,
while the SQL it produces is the same each time; only the values differ. A PreparedQuery
builds its queryset once with stand-in values, remembers where those stand-ins sit among the
compiled parameters, and later runs the same statement with the real values put in their
places. The query is still written with the ORM and the project's own querysets, so there is
one definition of what it asks; only the hot paths that need it use it.

The queryset must end in `.values(...)` or `.values_list(...)`; rows come back as dicts, with
the database's values converted as the ORM would (booleans, aware datetimes). Parameters are
declared by type (int, str or datetime) and must be used as plain comparisons (`=`, `<`, `IN`
of a subquery), never transformed (`icontains`, `year`...): a stand-in that does not reach the
compiled parameters unchanged is an error when the query is first compiled."""

import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

_KINDS = (int, str, datetime.datetime)


def _stand_in(kind, index: int):
    if kind is int:
        return -(10**15) - index
    if kind is str:
        return f"\x00prepared-stand-in-{index}\x00"
    return datetime.datetime(1901, 2, 3, 4, 5, 6, 1000 + index, tzinfo=datetime.UTC)


def _adapt(connection, value):
    """What the ORM puts among the parameters for this value."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class _Compiled:
    """The statement, where each value goes, and what the ORM would convert the columns with.
    Compiled on one connection, run on any connection to the same database."""

    def __init__(self, query: "PreparedQuery", connection):
        stand_ins = {name: _stand_in(kind, index) for index, (name, kind) in enumerate(query.parameters.items())}
        queryset = query.build(**stand_ins)
        if queryset._fields is None and not queryset.query.values_select:
            raise ImproperlyConfigured("A prepared query ends in .values() or .values_list().")
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        adapted = {name: _adapt(connection, value) for name, value in stand_ins.items()}
        # PostgreSQL's backend wraps integers in psycopg's sized types: the slot keeps the wrapper.
        self.slots = [
            (position, name, type(param) if isinstance(param, int) else None)
            for position, param in enumerate(self.params)
            for name, value in adapted.items()
            if isinstance(param, type(value)) and param == value
        ]
        unused = set(stand_ins) - {name for _position, name, _wrapper in self.slots}
        if unused:
            raise ImproperlyConfigured(f"Parameters not found as such in the compiled query: {sorted(unused)}.")
        sql_query = queryset.query
        self.names = [*sql_query.extra_select, *sql_query.values_select, *sql_query.annotation_select]
        self.columns = [select[0] for select in compiler.select[: compiler.col_count]]

    def convert(self, connection, rows) -> list[dict]:
        """The ORM's own conversions (SQLCompiler.get_converters), with the connection in use."""
        converters = []
        for position, expression in enumerate(self.columns):
            functions = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
            if functions:
                converters.append((position, expression, functions))
        converted = []
        for row in rows:
            row = list(row)
            for position, expression, functions in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(dict(zip(self.names, row, strict=True)))
        return converted


# Per database alias, for the whole process: ASGI servers give every request its own thread,
# hence its own connection object, and compiling once per request would save nothing.
_compiled_by_alias: dict = {}


class PreparedQuery:
    def __init__(self, build, **parameters):
        """`build(**values)` returns the queryset; `parameters` name each value's type."""
        unknown = [kind for kind in parameters.values() if kind not in _KINDS]
        if unknown:
            raise ImproperlyConfigured(f"A prepared query takes int, str or datetime parameters, not {unknown!r}.")
        self.build = build
        self.parameters = parameters

    def _compiled(self, using: str, connection) -> _Compiled:
        key = (self, using, connection.vendor)
        compiled = _compiled_by_alias.get(key)
        if compiled is None:
            compiled = _compiled_by_alias[key] = _Compiled(self, connection)
        return compiled

    def rows(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list[dict]:
        if set(values) != set(self.parameters):
            raise TypeError(f"A prepared query takes exactly {sorted(self.parameters)}.")
        connection = connections[using]
        compiled = self._compiled(using, connection)
        params = list(compiled.params)
        for position, name, wrapper in compiled.slots:
            value = _adapt(connection, values[name])
            params[position] = wrapper(value) if wrapper is not None and value is not None else value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        return compiled.convert(connection, fetched) if fetched else []

    def first(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> dict | None:
        found = self.rows(using=using, **values)
        return found[0] if found else None
