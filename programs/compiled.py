"""Reads whose SQL Django builds once per process, then runs with new values (docs/performance.md).

Building and compiling a statement costs Django about a millisecond of CPU, far more than
SQLite or PostgreSQL spend answering a small indexed read. The reads a page asks on every
request (the unread-notice count; on the home page the person's memberships and pairs, their
readings, letters, next event, new replies, goals and newest stamp) are therefore built once
from an ordinary queryset, so the rules and the column names still come from the models, and
later calls put their values in its place and turn the rows into Python values, or into model
instances, the way Django would.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators

#: Stand-ins for the caller's values while a statement is built: negative numbers no model of
#: ours stores as a constant in a filter, so each is found exactly once among the parameters.
_MARK_BASE = -918_273_000
#: Stand-ins for moments (aware datetimes): a second apart, in a year no row of ours is dated.
_MOMENT_BASE = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)
#: The shape of a moment value (a whole number's is None, a list's its length).
_MOMENT = "moment"
#: Lists longer than this are run as the ordinary queryset.
_LONGEST_LIST = 50
#: Whole numbers a database column of ours can hold (a signed 64-bit integer). Django answers a
#: lookup outside them with no rows; a database given one as a parameter raises instead, so such
#: values (an id typed into a URL, say) are run as the ordinary queryset.
_STORABLE = range(-(2**63), 2**63)


def _marks(shape: tuple) -> list:
    """Return a stand-in per value: a number for a whole number, a moment for a moment, a list of
    numbers for a list of `n`."""
    marks = []
    for position, size in enumerate(shape):
        first = _MARK_BASE - 1000 * position
        if size is None:
            marks.append(first)
        elif size == _MOMENT:
            marks.append(_MOMENT_BASE + timedelta(seconds=position))
        else:
            marks.append([first - n for n in range(size)])
    return marks


def _shape_of(value) -> int | str | None:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a moment given to a compiled read must be time-zone aware")
        return _MOMENT
    return None if isinstance(value, int) else len(value)


class CompiledRead:
    """Rows (or their count) of the queryset `build(*values)` returns, its SQL built once per database
    and per length of each list value.

    `build` takes whole numbers (ids), lists of them, or aware datetimes compared with a
    DateTimeField, and returns a queryset (`values_list` for rows); it must use each value once,
    as an ordinary parameter (an equality, a comparison or an IN list).
    Checked when a statement is built: each stand-in value appears exactly once among the
    parameters, or ValueError is raised. A shape Django answers without SQL (an empty list) is
    run as the ordinary queryset every time.
    """

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default"):
        self._build, self._using = build, using
        self._compiled: dict[tuple, tuple | None] = {}

    @staticmethod
    def _shape(values) -> tuple:
        return tuple(_shape_of(v) for v in values)

    def _statement(self, connection, shape: tuple, *, count: bool, objects: bool = False):
        """Return (sql, slots, converters, _Instances or None) for `shape`, or None when Django runs no SQL for it."""
        key = (connection.vendor, shape, count, objects)
        if key not in self._compiled:
            marks = _marks(shape)
            queryset = self._build(*marks)
            if objects:
                _require_plain_objects(queryset)
            if count:
                queryset = queryset.order_by().values("pk")
            compiler = queryset.query.get_compiler(connection=connection)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                self._compiled[key] = None
                return None
            where = {}
            for position, mark in enumerate(marks):
                if isinstance(mark, datetime):  # found among the parameters as the database is given it
                    where[connection.ops.adapt_datetimefield_value(mark)] = (position, _MOMENT)
                    continue
                for index, single in enumerate([mark] if isinstance(mark, int) else mark):
                    where[single] = (position, None if isinstance(mark, int) else index)
            slots = [("value", where[p]) if _is_stand_in(p, where) else ("constant", p) for p in params]
            if sorted(slot for kind, slot in slots if kind == "value") != sorted(where.values()):
                raise ValueError("each value must appear exactly once in the statement")
            converters = {} if count or objects else compiler.get_converters(
                [column for column, _sql, _alias in compiler.select])
            if count:
                sql = f"SELECT COUNT(*) FROM ({sql}) counted"
            self._compiled[key] = (sql, slots, list(converters.items()), _Instances(compiler) if objects else None)
        return self._compiled[key]

    def _run(self, values, *, count: bool, objects: bool = False):
        connection = connections[self._using]
        shape = self._shape(values)
        # A long list would need a statement per length (and its stand-ins could meet the next value's).
        statement = None if not _fits(values, shape) else (
            self._statement(connection, shape, count=count, objects=objects))
        if statement is None:
            queryset = self._build(*values)
            return queryset.count() if count else list(queryset)
        sql, slots, converters, instances = statement
        params = [_value(connection, values, slot) if kind == "value" else slot for kind, slot in slots]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if count:
            return rows[0][0]
        if instances is not None:
            return instances.from_rows(rows, self._using)
        if not converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted

    def rows(self, *values: int | datetime | Iterable[int]) -> list[tuple]:
        """Return the rows as tuples of Python values, as values_list would (one query at most)."""
        return self._run(_plain(values), count=False)

    def count(self, *values: int | datetime | Iterable[int]) -> int:
        """Return the number of rows (one query at most)."""
        return self._run(_plain(values), count=True)

    def objects(self, *values: int | datetime | Iterable[int]) -> list:
        """Return the model instances iterating the queryset would give: its select_related objects
        and annotations set, any deferred field loading when asked for (one query at most).

        Precondition: `build` returns a queryset of model instances (no values_list), without
        prefetch_related and not from a related manager; ValueError otherwise.
        """
        return self._run(_plain(values), count=False, objects=True)


def _fits(values: list, shape: tuple) -> bool:
    """Return True if `values` can go into a built statement: no list longer than _LONGEST_LIST and
    no whole number a column cannot hold."""
    for value, size in zip(values, shape, strict=True):
        if size == _MOMENT:
            continue
        if size is None and value not in _STORABLE:
            return False
        if size is not None and (size > _LONGEST_LIST or any(v not in _STORABLE for v in value)):
            return False
    return True


def _plain(values) -> list:
    return [v if isinstance(v, (int, datetime)) else list(v) for v in values]


def _is_stand_in(param, where: dict) -> bool:
    return not isinstance(param, bool) and isinstance(param, (int, str, datetime)) and param in where


def _value(connection, values: list, slot: tuple):
    """Return the caller's value for a stand-in's `slot` (position, index in a list or kind), as a parameter."""
    position, index = slot
    if index is None:
        return int(values[position])
    if index == _MOMENT:
        return connection.ops.adapt_datetimefield_value(values[position])
    return int(values[position][index])


def _require_plain_objects(queryset: QuerySet) -> None:
    if queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups \
            or queryset._known_related_objects:
        raise ValueError("objects() takes a queryset of model instances without prefetches or a related manager")


class _Instances:
    """Turns the rows of a compiled model statement into instances, as Django's ModelIterable does
    (django/db/models/query.py), with what it works out once per statement kept."""

    def __init__(self, compiler):
        self.compiler = compiler
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start:self.end]]
        self.annotations = list(compiler.annotation_col_map.items())
        self.select = select

    def from_rows(self, rows: list, database: str) -> list:
        compiler = self.compiler
        if compiler.has_extra_select:  # columns added only for ordering, as execute_sql drops them
            rows = [row[:compiler.col_count] for row in rows]
        populators = get_related_populators(compiler.klass_info, self.select, database)
        instances = []
        for row in compiler.results_iter(results=[rows]):
            instance = self.model.from_db(database, self.init_list, row[self.start:self.end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances
