"""Rows written by programs.plain_insert read back as the ORM wrote them, on either path.

Few rows go in multi-row INSERT statements; on PostgreSQL, more rows than one statement
holds are streamed with COPY (through a temporary table when a key to be skipped is taken).
The second path is forced here with a tiny statement size.
"""

from datetime import datetime, timedelta, timezone

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from letters.models import Reminder
from programs import plain_insert
from programs.plain_insert import insert_rows
from tests import factories

FIELDS = ("recipient", "kind", "object_key", "due_at", "send_after", "program", "pair", "details", "status",
          "attempts", "emailed", "last_error", "created_at", "quiet_hours")
DUE = datetime(2026, 3, 4, 17, 30, tzinfo=timezone.utc)
original_copy = plain_insert._copy_rows


def reminder_rows(program, users, *, first_hour: int = 0) -> list[tuple]:
    """Return one ready row per user (hours apart from `first_hour`), with text, JSON, NULL and booleans in it."""
    ops = connection.ops
    return [
        (user.pk, "reading_open", f"assignment:{n}", ops.adapt_datetimefield_value(DUE + timedelta(hours=first_hour + n)),
         ops.adapt_datetimefield_value(DUE), program.pk, None, ops.adapt_json_value({"n": n, "name": "Ørn \"q\""}, None),
         "pending", 0, n % 2 == 0, "", ops.adapt_datetimefield_value(DUE), True)
        for n, user in enumerate(users)
    ]


def read_back() -> list[tuple]:
    return list(Reminder.objects.order_by("due_at").values_list(
        "recipient_id", "object_key", "due_at", "pair_id", "details", "emailed", "quiet_hours"))


@pytest.fixture
def members():
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    pairs = [factories.make_pair(program, coordinator) for _ in range(2)]
    users = [coordinator] + [member.user for pair in pairs for member in (pair.mentor, pair.mentee)]
    return program, users


def expected(users) -> list[tuple]:
    return [(user.pk, f"assignment:{n}", DUE + timedelta(hours=n), None, {"n": n, "name": "Ørn \"q\""}, n % 2 == 0, True)
            for n, user in enumerate(users)]


@pytest.mark.django_db
def test_rows_written_in_statements_read_back_and_a_taken_key_is_skipped(members, monkeypatch):
    program, users = members
    monkeypatch.setattr(plain_insert, "ROWS_PER_STATEMENT", 2)  # calls of at most two rows: statements on either database
    monkeypatch.setattr(plain_insert, "_copy_rows", None)  # a COPY would fail the test
    for start in range(0, len(users), 2):
        insert_rows(Reminder, FIELDS, reminder_rows(program, users)[start:start + 2], ignore_conflicts=True)
    insert_rows(Reminder, FIELDS, reminder_rows(program, users[:1]), ignore_conflicts=True)  # taken: skipped
    assert read_back() == expected(users)


@pytest.mark.postgres
@pytest.mark.django_db
def test_rows_copied_on_postgresql_read_back_and_taken_keys_are_skipped_twice_in_one_transaction(members, monkeypatch):
    program, users = members
    monkeypatch.setattr(plain_insert, "ROWS_PER_STATEMENT", 2)  # more rows than a statement holds: COPY
    copied = []
    monkeypatch.setattr(plain_insert, "_copy_rows", lambda *args, **kwargs: copied.append(len(args[3])) or
                        original_copy(*args, **kwargs))
    with transaction.atomic():
        insert_rows(Reminder, FIELDS, reminder_rows(program, users[:3]), ignore_conflicts=True)
        # The first three taken: the COPY into the table fails and the rows go through a temporary table.
        insert_rows(Reminder, FIELDS, reminder_rows(program, users[:4]), ignore_conflicts=True)
        # Again in the same transaction (the temporary table is made anew), the first four taken.
        insert_rows(Reminder, FIELDS, reminder_rows(program, users), ignore_conflicts=True)
    assert copied == [3, 4, 5]
    assert read_back() == expected(users)


@pytest.mark.postgres
@pytest.mark.django_db
def test_rows_copied_on_postgresql_with_no_key_taken_go_straight_into_the_table(members, monkeypatch):
    """The callers hand over only the missing keys, so the temporary table is for a race only."""
    program, users = members
    monkeypatch.setattr(plain_insert, "ROWS_PER_STATEMENT", 2)
    with CaptureQueriesContext(connection) as statements:
        insert_rows(Reminder, FIELDS, reminder_rows(program, users), ignore_conflicts=True)
    assert not [s["sql"] for s in statements.captured_queries if "TEMPORARY" in s["sql"] or "INSERT" in s["sql"]]
    assert read_back() == expected(users)


@pytest.mark.postgres
@pytest.mark.django_db
def test_rows_copied_on_postgresql_without_skipping_go_straight_into_the_table(members, monkeypatch):
    program, users = members
    monkeypatch.setattr(plain_insert, "ROWS_PER_STATEMENT", 2)
    insert_rows(Reminder, FIELDS, reminder_rows(program, users))
    assert read_back() == expected(users)
    with pytest.raises(Exception, match="reminder_once_per_key"):
        insert_rows(Reminder, FIELDS, reminder_rows(program, users))

