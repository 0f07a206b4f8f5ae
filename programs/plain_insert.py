"""Inserting many rows of ready values in plain SQL, for the jobs that write thousands at once.

The reminder sweep, the letter passport's award job and the statistics' stored counts each
write tens of thousands of rows on a first run. Building a model instance per row and
compiling bulk_create's statements cost them more than the database's own work, so they hand
ready values to `insert_rows`, which writes them in multi-row INSERT statements: one
statement per few hundred rows rather than one per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from django.db import connection, models, transaction

#: Rows per statement at most (fewer where the database takes fewer parameters).
ROWS_PER_STATEMENT = 1000


def _parameters_per_statement() -> int:
    """Return how many parameters one statement may carry on this connection.

    Django keeps SQLite's at 999, the limit of SQLite before 3.32; the library in use says its
    own (32,766 by default since then; Debian's allows 250,000). Statements of 199 rows rather
    than ROWS_PER_STATEMENT cost the award job's first run a quarter more CPU in its inserts.
    """
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 10_000


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence], *,
                ignore_conflicts: bool = False) -> None:
    """Insert `rows` into `model`'s table, in one transaction.

    Preconditions: each row holds the values of `fields` (model field names), in that order,
    already adapted for the database (connection.ops.adapt_* or plain values). With
    `ignore_conflicts`, a row whose unique key is already taken is skipped rather than an error
    (`ON CONFLICT DO NOTHING`: SQLite 3.24+ and PostgreSQL), so the key stays the guard
    against a second worker inserting the same row.
    """
    if not rows:
        return
    ops, meta = connection.ops, model._meta
    columns = ", ".join(ops.quote_name(meta.get_field(name).column) for name in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    per_statement = max(1, min(ROWS_PER_STATEMENT, _parameters_per_statement() // len(fields)))
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start:start + per_statement]
            cursor.execute(
                f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) VALUES {', '.join([one_row] * len(chunk))}{tail}",
                [value for row in chunk for value in row],
            )
