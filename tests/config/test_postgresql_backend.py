"""The PostgreSQL backend reads timestamps with psycopg's compiled loader (config/postgresql)."""

from datetime import datetime, timedelta, timezone

import pytest
from django.db import connection
from psycopg import pq
from psycopg.postgres import types

from config.postgresql.base import zone_loader

TIMESTAMPTZ = types["timestamptz"].oid


def test_the_loader_parses_with_the_compiled_loader_and_sets_the_zone():
    loader_class = zone_loader(timezone.utc)
    assert loader_class is not None, "psycopg[binary] is a dependency: its compiled loader must be there"
    loader = loader_class(TIMESTAMPTZ)
    assert loader.load(b"2026-12-04 03:11:20.123456+00") == datetime(2026, 12, 4, 3, 11, 20, 123456, tzinfo=timezone.utc)
    assert loader.load(b"2026-12-04 03:11:20+00").tzinfo is timezone.utc


@pytest.mark.postgres
@pytest.mark.django_db
def test_timestamps_read_from_postgresql_are_aware_and_exact():
    assert connection.settings_dict["ENGINE"] == "config.postgresql"
    moments = [datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=timezone.utc),
               datetime(2026, 12, 4, 5, 0, tzinfo=timezone(timedelta(hours=1))),
               datetime(1999, 12, 31, 23, 0, tzinfo=timezone.utc)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT unnest(%s::timestamptz[])", [moments])
        read = [row[0] for row in cursor.fetchall()]
    assert read == moments
    assert all(moment.tzinfo is connection.timezone for moment in read)
    assert connection.connection.adapters.get_loader(TIMESTAMPTZ, pq.Format.TEXT) is zone_loader(connection.timezone)
