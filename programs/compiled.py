"""Reads whose SQL Django builds once per process, then runs with new values (docs/performance.md).

Building and compiling a statement costs Django about a millisecond of CPU, far more than
SQLite or PostgreSQL spend answering a small indexed read. A read asked on every page (the
unread-notice count) is therefore built once from an ordinary queryset, so the rules and the
column names still come from the models, and later calls only put their values in its place.
"""

from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

#: Stand-ins for the caller's values while the statement is built: numbers no model of ours
#: stores as a constant in a filter, so each is found exactly once among the statement's parameters.
_MARKS = (-918_273_645, -918_273_646, -918_273_647, -918_273_648)


class CompiledCount:
    """Count the rows of a queryset built by `build(*values)`, building its SQL once per database.

    `build` takes whole numbers (ids) and returns the queryset to count; it must use each value
    once, as an ordinary parameter (an equality, not an IN list, whose length would change the
    statement). Precondition checked when the SQL is built: each stand-in value appears exactly
    once among the parameters, or ValueError is raised.
    """

    def __init__(self, build: Callable[..., QuerySet], *, values: int, using: str = "default"):
        if not 0 < values <= len(_MARKS):
            raise ValueError(f"a compiled count takes 1 to {len(_MARKS)} values")
        self._build, self._values, self._using = build, values, using
        self._compiled: dict[str, tuple[str, list]] = {}

    def _statement(self, connection) -> tuple[str, list]:
        """Return (sql, slots): each slot is ("value", i) for the caller's i-th value or ("constant", v)."""
        key = connection.vendor
        if key not in self._compiled:
            marks = _MARKS[: self._values]
            queryset = self._build(*marks).order_by().values("pk")
            sql, params = queryset.query.get_compiler(connection=connection).as_sql()
            slots = [("value", marks.index(p)) if p in marks else ("constant", p) for p in params]
            found = sorted(i for kind, i in slots if kind == "value")
            if found != list(range(self._values)):
                raise ValueError("each value must appear exactly once in the statement")
            self._compiled[key] = (f"SELECT COUNT(*) FROM ({sql}) counted", slots)
        return self._compiled[key]

    def __call__(self, *values: int) -> int:
        """Return the number of rows for these values (one query)."""
        if len(values) != self._values:
            raise TypeError(f"expected {self._values} values, got {len(values)}")
        connection = connections[self._using]
        sql, slots = self._statement(connection)
        params = [int(values[slot]) if kind == "value" else slot for kind, slot in slots]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]
