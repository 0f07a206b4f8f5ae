"""Inserting many rows of ready values in plain SQL, for the jobs that write thousands at once.

The reminder sweep, the letter passport's award job and the statistics' stored counts each
write tens of thousands of rows on a first run. Building a model instance per row and
compiling bulk_create's statements cost them more than the database's own work, so they hand
ready values to `insert_rows`, which writes them in multi-row INSERT statements: one
statement per few hundred rows rather than one per row. On PostgreSQL, more rows than fit in
one statement are streamed with COPY instead: quoting ten thousand parameters a statement
cost the client more than the server's work (a sweep's 50,000 reminders at 10,000 pairs:
8 s of INSERT statements, of which the server's own insert was 1.5 s). COPY goes straight
into the table, so that the server inserts rows while the client still formats the next ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from django.db import connection, models, transaction
from psycopg.errors import UniqueViolation

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
    table = ops.quote_name(meta.db_table)
    columns = ", ".join(ops.quote_name(meta.get_field(name).column) for name in fields)
    per_statement = max(1, min(ROWS_PER_STATEMENT, _parameters_per_statement() // len(fields)))
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) > per_statement:
            _copy_rows(cursor, table, columns, rows, ignore_conflicts=ignore_conflicts)
            return
        one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        for start in range(0, len(rows), per_statement):
            chunk = rows[start:start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(chunk))}{tail}",
                [value for row in chunk for value in row],
            )


def _copy_rows(cursor, table: str, columns: str, rows: Sequence[Sequence], *, ignore_conflicts: bool) -> None:
    """Stream `rows` into `table` with PostgreSQL's COPY. Precondition: inside a transaction.

    COPY knows no ON CONFLICT. With `ignore_conflicts` the rows are first copied straight into
    `table`, within a savepoint: the callers read the keys that exist and hand over only the
    missing ones, so a taken key means that another worker inserted the same row meanwhile,
    which is rare. Only then is the savepoint rolled back and the rows copied again, into a
    temporary table and from there into `table` by an INSERT that skips the taken keys. Going
    straight in spares the server a second pass over the rows (0.2 s of the 0.9 s a sweep's
    50,000 reminders took), and the server inserts while the client formats the next rows.
    """
    if not ignore_conflicts:
        _copy_into(cursor, table, columns, rows)
        return
    try:
        with transaction.atomic():
            _copy_into(cursor, table, columns, rows)
    except UniqueViolation:
        _copy_skipping_taken_keys(cursor, table, columns, rows)


def _copy_into(cursor, table: str, columns: str, rows: Sequence[Sequence]) -> None:
    """COPY `rows` into `table`; one taken unique key fails the whole COPY."""
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _copy_skipping_taken_keys(cursor, table: str, columns: str, rows: Sequence[Sequence]) -> None:
    """COPY `rows` into a temporary table of the same columns (dropped at the end of the
    transaction), then move them into `table` by one INSERT that skips the taken keys."""
    staging = "brevven_plain_insert_rows"
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{staging}")  # an earlier call in the same transaction
    cursor.execute(f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA")
    _copy_into(cursor, staging, columns, rows)
    cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} ON CONFLICT DO NOTHING")
