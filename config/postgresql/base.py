"""Django's PostgreSQL backend, reading timestamps with psycopg's compiled loader.

Django registers its own loader for `timestamptz` columns so that every datetime carries
the connection's time zone object (`django.db.backends.postgresql.psycopg_any`); it
subclasses psycopg's pure-Python loader, because the compiled one that `psycopg[binary]`
ships cannot be subclassed. Every timestamp read from PostgreSQL is then parsed in Python:
about 5 µs each, and one reminder sweep over 10,000 pairs reads 116,000 of them
(docs/performance.md, "Timestamps read by the compiled loader"). This backend registers a
loader that lets the compiled one parse and only replaces the time zone, as Django's does:
about 1.2 µs. Without the compiled implementation it changes nothing.

Used when DATABASE_URL names a PostgreSQL database (config.settings).
"""

from __future__ import annotations

from functools import lru_cache

from django.db.backends.postgresql import base
from psycopg import adapters, postgres, pq
from psycopg.adapt import Loader

TIMESTAMPTZ_OID = postgres.types["timestamptz"].oid


def _compiled_loader() -> type[Loader] | None:
    """psycopg's compiled text loader of `timestamptz`, or None when only the Python one is installed."""
    loader = adapters.get_loader(TIMESTAMPTZ_OID, pq.Format.TEXT)
    return None if loader is None or loader.__module__.startswith("psycopg.types") else loader


@lru_cache
def zone_loader(zone) -> type[Loader] | None:
    """Return a loader class that parses with the compiled loader and gives datetimes the tzinfo `zone`.

    It carries `timezone` as Django's loaders do: Django compares it when it opens a cursor
    and registers a loader of its own only when the zones differ.
    """
    compiled = _compiled_loader()
    if compiled is None:
        return None

    class ZoneLoader(Loader):
        timezone = zone

        def __init__(self, oid: int, context=None):
            super().__init__(oid, context)
            self._parse = compiled(oid, context).load

        def load(self, data):
            return self._parse(data).replace(tzinfo=self.timezone)

    return ZoneLoader


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        loader = zone_loader(self.timezone)
        if loader is not None:
            connection.adapters.register_loader(TIMESTAMPTZ_OID, loader)
        return connection
